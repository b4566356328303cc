using System;
using System.Collections.Generic;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// A test seen from both ZVMs of a pair (same VPG identifier, starts within <see cref="Window"/>,
    /// different ZVMs) is reported once: as the first ZVM to offer it saw it.
    /// </summary>
    internal sealed class PairedTests
    {
        public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

        private readonly Dictionary<string, List<ZvmFailoverTest>> _kept = new Dictionary<string, List<ZvmFailoverTest>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>False when another ZVM has already given this test.</summary>
        public bool FirstSight(ZvmFailoverTest test)
        {
            if (!_kept.TryGetValue(test.VpgIdentifier, out List<ZvmFailoverTest>? kept))
            {
                kept = new List<ZvmFailoverTest>();
                _kept[test.VpgIdentifier] = kept;
            }

            if (test.Started is DateTime started)
            {
                foreach (ZvmFailoverTest other in kept)
                {
                    if (other.Started is DateTime seen && (seen - started).Duration() <= Window
                        && !string.Equals(other.Server, test.Server, StringComparison.OrdinalIgnoreCase))
                    {
                        return false;
                    }
                }
            }

            kept.Add(test);
            return true;
        }
    }
}
