using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Names
{
    /// <summary>
    /// One look-up (a session's VPGs, its sites, or one site's hosts) as one listing sees it: the
    /// table it waits for (at most the session's time-out, then the listing goes on without
    /// names), the one refresh it may ask for, and the named lists it has made.
    /// </summary>
    internal sealed class ListingLookup
    {
        private readonly NameSource _source;
        private readonly IZvmLog _log;
        private readonly LookupFailures _failures;
        private readonly TimeSpan _patience;
        private readonly DateTime _startedAtUtc;
        private Task<NameTable> _pending;
        private bool _refreshed;

        public ListingLookup(NameSource source, IZvmLog log, LookupFailures failures, TimeSpan patience, DateTime startedAtUtc)
        {
            _source = source;
            _log = log;
            _failures = failures;
            _patience = patience;
            _startedAtUtc = startedAtUtc;
            _pending = source.Current(log);
        }

        /// <summary>The table, once it has come (or failed); null before.</summary>
        public NameTable? Table { get; private set; }

        /// <summary>Lists of one entity already named in this listing: most tasks touch the same few.</summary>
        public Dictionary<string, ZvmEntityList> Named { get; } = new Dictionary<string, ZvmEntityList>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Whether an identifier the table lacks stays without a name, with no refresh to try.</summary>
        public bool IsSettled(NameTable table, string identifier)
        {
            if (table.Failure != null || table.Missing.ContainsKey(identifier))
            {
                return true;
            }

            if (_refreshed || table.FetchedAtUtc >= _startedAtUtc)
            {
                table.Missing[identifier] = true;
                return true;
            }

            return false;
        }

        public async Task<NameTable> TableAsync()
        {
            if (Table != null)
            {
                return Table;
            }

            Table = await WithinPatienceAsync(_pending).ConfigureAwait(false);
            if (Table.Failure != null)
            {
                _failures.Add(_source.What, Table.Failure);
            }

            return Table;
        }

        /// <summary>Asks for the names again, once per listing, unless this listing asked for the table itself.</summary>
        public async Task<NameTable> RefreshAsync(NameTable table)
        {
            if (_refreshed || table.FetchedAtUtc >= _startedAtUtc)
            {
                return table;
            }

            _refreshed = true;
            _log.Verbose($"{_source.What}: an identifier is not among the names of {table.FetchedAtUtc.ToLocalTime():HH:mm:ss}; asking again.");
            _pending = _source.Refresh(_startedAtUtc, _log);
            Table = null;
            Named.Clear();
            NameTable fresh = await TableAsync().ConfigureAwait(false);
            foreach (string missing in table.Missing.Keys)
            {
                // Still missing (a deleted VPG): no later listing asks again for it.
                if (!fresh.Names.ContainsKey(missing))
                {
                    fresh.Missing[missing] = true;
                }
            }

            return fresh;
        }

        private async Task<NameTable> WithinPatienceAsync(Task<NameTable> pending)
        {
            if (!pending.IsCompleted)
            {
                using var patience = new CancellationTokenSource();
                Task waited = await Task.WhenAny(pending, Task.Delay(_patience, patience.Token)).ConfigureAwait(false);
                patience.Cancel();
                if (waited != pending)
                {
                    // The call goes on, and fills the cache for a later listing.
                    return NameTable.Failed($"the ZVM did not answer within {TransportErrors.Seconds(_patience)}.", _startedAtUtc);
                }
            }

            return await pending.ConfigureAwait(false);
        }
    }
}
