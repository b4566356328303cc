using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ZertoTasks.Names;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Get-ZvmTask -Vpg: a task passes when one of its VPGs has a name or identifier that matches
    /// one of the values (wildcards, any case). The API has no such filter, so it is applied here,
    /// task by task as they stream. As Get-Service -Name does, a value without wildcards that
    /// matched no VPG of any session is an ObjectNotFound error at the end.
    /// </summary>
    internal sealed class VpgFilter
    {
        private readonly string[] _values;
        private readonly WildcardPattern[] _patterns;
        private readonly ConcurrentDictionary<int, bool> _found = new ConcurrentDictionary<int, bool>();

        public VpgFilter(string[] values)
        {
            _values = values;
            _patterns = values.Select(value => WildcardPattern.Get(value, WildcardOptions.IgnoreCase)).ToArray();
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
            for (int p = 0; p < _values.Length; p++)
            {
                if (!_found.ContainsKey(p) && !WildcardPattern.ContainsWildcardCharacters(_values[p]))
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
            _patterns[pattern].IsMatch(identifier) || (name != null && _patterns[pattern].IsMatch(name));
    }
}
