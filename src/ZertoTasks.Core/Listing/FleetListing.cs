using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Reads several ZVMs' listings at once, at most <see cref="ThrottleLimit"/> ZVMs at a time.
    /// Each listing awaits its I/O: no thread is held while a ZVM thinks, however many are read.
    /// </summary>
    internal sealed class FleetListing
    {
        private readonly IReadOnlyList<ZvmListing> _zvms;

        public FleetListing(IReadOnlyList<ZvmListing> zvms) => _zvms = zvms;

        /// <summary>How many ZVMs may be read at once; 0 for all.</summary>
        public int ThrottleLimit { get; set; }

        /// <summary>Runs as a ZVM's listing has ended, well or not, on the work's thread.</summary>
        public Action<ZvmSession>? ZvmEnded { get; set; }

        public Task RunAsync(IListingOutput output, CancellationToken cancellation) =>
            ZvmThrottle.RunAsync(_zvms, ThrottleLimit, zvm => RunZvmAsync(zvm, output, cancellation), cancellation);

        private async Task RunZvmAsync(ZvmListing zvm, IListingOutput output, CancellationToken cancellation)
        {
            try
            {
                await zvm.RunAsync(output, cancellation).ConfigureAwait(false);
            }
            finally
            {
                ZvmEnded?.Invoke(zvm.Session);
            }
        }
    }
}
