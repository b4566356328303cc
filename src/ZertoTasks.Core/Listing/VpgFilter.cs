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
    /// stream. A value equal to a VPG's name or identifier (ignoring case) selects it even when
    /// it holds wildcard characters ('Dev [Lab]', as a user types it). As Get-Service -Name does, a
    /// value without wildcards that matched no VPG of any session is an ObjectNotFound error at
    /// the end - unless a session's VPG list could not be read: then that session has an error of
    /// its own (<see cref="LookupFailed"/>), every time, and no value is blamed.
    /// </summary>
    internal sealed class VpgFilter
    {
        private readonly IReadOnlyList<string> _values;
        private readonly Predicate<string>[] _patterns;
        private readonly Func<string, bool> _hasWildcards;
        private readonly ConcurrentDictionary<int, bool> _found = new ConcurrentDictionary<int, bool>();
        private readonly ConcurrentDictionary<ZvmSession, string> _lookupFailures = new ConcurrentDictionary<ZvmSession, string>();

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

        /// <summary>Whether one VPG is one the values name.</summary>
        public bool Matches(ZvmEntity vpg)
        {
            bool matched = false;
            for (int p = 0; p < _patterns.Length; p++)
            {
                if (IsMatch(p, vpg.Identifier, vpg.Name))
                {
                    _found[p] = true;
                    matched = true;
                }
            }

            return matched;
        }

        /// <summary>
        /// After a session's listing: marks the values that name one of its VPGs, asking for the
        /// names once more if a value names none; notes the session if its VPG list could not be read.
        /// </summary>
        public async Task LookForVpgsAsync(ZvmSession session, TaskNamer namer)
        {
            if (!MarkFound(await namer.VpgNamesAsync().ConfigureAwait(false)))
            {
                MarkFound(await namer.RefreshVpgNamesAsync().ConfigureAwait(false));
            }

            if (await namer.VpgLookupFailureAsync().ConfigureAwait(false) is string failure)
            {
                _lookupFailures[session] = failure;
            }
        }

        /// <summary>
        /// What -Vpg has to say once the VPGs were looked for: VpgLookupFailed for each session
        /// whose VPG list could not be read (-Vpg selected by identifier only there), else
        /// VpgNotFound for each value without wildcards that named no VPG of <paramref name="sessions"/>;
        /// <paramref name="afterwards"/> ends that message (what else was looked at, or what happens next).
        /// </summary>
        public IEnumerable<ZvmException> Errors(IEnumerable<ZvmSession> sessions, string afterwards)
        {
            foreach (KeyValuePair<ZvmSession, string> failed in _lookupFailures)
            {
                yield return LookupFailed(failed.Key, failed.Value);
            }

            string servers = string.Join(", ", sessions.Select(session => session.Server));
            foreach (string value in NotFound())
            {
                yield return new ZvmException(
                    ErrorIds.VpgNotFound,
                    ZvmErrorCategory.ObjectNotFound,
                    $"No VPG of {servers} has the name or identifier '{value}'{afterwards}",
                    value);
            }
        }

        /// <summary>VpgLookupFailed: -Vpg could not be applied by name to the tasks of <paramref name="session"/>.</summary>
        public static ZvmException LookupFailed(ZvmSession session, string why) => new ZvmException(
            ErrorIds.VpgLookupFailed,
            ZvmErrorCategory.ResourceUnavailable,
            $"-Vpg could not be applied by name to the tasks of {session.Server}: its VPG list could not be read ({why.TrimEnd('.')}). " +
            "Only tasks whose VPG identifier matches a value were listed from it.",
            session.Server);

        /// <summary>The values without wildcards that no VPG and no task matched; none when a VPG list could not be read.</summary>
        private IEnumerable<string> NotFound()
        {
            if (!_lookupFailures.IsEmpty)
            {
                yield break;
            }

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

            for (int p = 0; p < _values.Count; p++)
            {
                if (!_found.ContainsKey(p) && !_hasWildcards(_values[p]))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsMatch(int pattern, string identifier, string? name) =>
            string.Equals(_values[pattern], identifier, StringComparison.OrdinalIgnoreCase)
            || (name != null && string.Equals(_values[pattern], name, StringComparison.OrdinalIgnoreCase))
            || _patterns[pattern](identifier) || (name != null && _patterns[pattern](name));
    }
}
