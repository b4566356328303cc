using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ZertoTasks.Names;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// The values of -Vpg, shared by the ZVMs of a listing: a task passes when one of its VPGs has
    /// a name or identifier that matches one of the values (wildcards, any case). The API has no
    /// such filter, so it is applied here (<see cref="FilterByVpg"/>), task by task as they
    /// stream. As Get-Service -Name does, a value without wildcards that matched no VPG of any
    /// session is an ObjectNotFound error at the end.
    /// </summary>
    internal sealed class VpgFilter
    {
        private readonly IReadOnlyList<string> _values;
        private readonly Predicate<string>[] _patterns;
        private readonly Func<string, bool> _hasWildcards;
        private readonly ConcurrentDictionary<int, bool> _found = new ConcurrentDictionary<int, bool>();

        /// <param name="values">the values as given</param>
        /// <param name="compile">a value's wildcard pattern (PowerShell's, case-insensitive)</param>
        /// <param name="hasWildcards">whether a value holds wildcard characters</param>
        public VpgFilter(IReadOnlyList<string> values, Func<string, Predicate<string>> compile, Func<string, bool> hasWildcards)
        {
            _values = values;
            _patterns = values.Select(compile).ToArray();
            _hasWildcards = hasWildcards;
        }

        /// <summary>Whether the task touched a VPG the values name; its VPGs must carry their names already.</summary>
        public bool Matches(ZvmTask task)
        {
            ZvmEntityList vpgs = task.Vpgs;
            bool matched = false;
            for (int v = 0; v < vpgs.Count; v++)
            {
                for (int p = 0; p < _patterns.Length; p++)
                {
                    if (IsMatch(p, vpgs.IdentifierArray[v], vpgs.NameAt(v)))
                    {
                        _found[p] = true;
                        matched = true;
                    }
                }
            }

            return matched;
        }

        /// <summary>After a session's listing: marks the values that name one of its VPGs, asking for the names once more if a value names none.</summary>
        public async Task LookForVpgsAsync(TaskNamer namer)
        {
            if (!MarkFound(await namer.VpgNamesAsync().ConfigureAwait(false)))
            {
                MarkFound(await namer.RefreshVpgNamesAsync().ConfigureAwait(false));
            }
        }

        /// <summary>The values without wildcards that no VPG and no task matched.</summary>
        public IEnumerable<string> NotFound()
        {
            for (int p = 0; p < _values.Count; p++)
            {
                if (!_found.ContainsKey(p) && !_hasWildcards(_values[p]))
                {
                    yield return _values[p];
                }
            }
        }

        // True when every value without wildcards is now found.
        private bool MarkFound(IReadOnlyDictionary<string, string?> vpgNames)
        {
            foreach (KeyValuePair<string, string?> vpg in vpgNames)
            {
                for (int p = 0; p < _patterns.Length; p++)
                {
                    if (IsMatch(p, vpg.Key, vpg.Value))
                    {
                        _found[p] = true;
                    }
                }
            }

            return !NotFound().Any();
        }

        private bool IsMatch(int pattern, string identifier, string? name) =>
            _patterns[pattern](identifier) || (name != null && _patterns[pattern](name));
    }
}
