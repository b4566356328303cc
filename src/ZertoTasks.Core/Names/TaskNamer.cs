using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Names
{
    /// <summary>
    /// Gives the tasks of one listing their entities' names, just before each is written. The
    /// look-ups start when the namer is made, beside the task list; the first task waits for
    /// them (at most the session's time-out). An identifier that the cached names lack (a VPG
    /// created since) sends one refresh per look-up per listing; still missing then (a deleted
    /// VPG), it keeps its identifier and no name. A failed look-up costs names, never tasks:
    /// it is noted in the listing's <see cref="LookupFailures"/>, for one warning at its end.
    /// </summary>
    internal sealed class TaskNamer
    {
        private readonly NameDirectory _directory;
        private readonly IZvmLog _log;
        private readonly LookupFailures _failures;
        private readonly DateTime _startedAtUtc = DateTime.UtcNow;
        private readonly ListingLookup? _vpgs;
        private readonly ListingLookup? _sites;
        private readonly Dictionary<string, ListingLookup>? _hosts;

        private TaskNamer(NameDirectory directory, NamedEntities entities, IZvmLog log, LookupFailures failures)
        {
            _directory = directory;
            _log = log;
            _failures = failures;
            _vpgs = (entities & NamedEntities.Vpgs) != 0 ? LookupOf(directory.Vpgs) : null;
            _sites = (entities & NamedEntities.Sites) != 0 ? LookupOf(directory.Sites) : null;
            _hosts = (entities & NamedEntities.Hosts) != 0 ? new Dictionary<string, ListingLookup>(StringComparer.OrdinalIgnoreCase) : null;
        }

        /// <summary>Starts the look-ups that the cache cannot answer; <paramref name="failures"/> notes those that fail.</summary>
        public static TaskNamer Begin(ZvmSession session, NamedEntities entities, IZvmLog log, LookupFailures failures) =>
            new TaskNamer(NameDirectory.Of(session), entities, log, failures);

        /// <summary>Names one task read on its own, and gives the warning of the look-ups that failed.</summary>
        public static async Task NameOneAsync(ZvmSession session, NamedEntities entities, ZvmTask task, IZvmLog log, Action<string, Func<bool>> warningOnce)
        {
            var failures = new LookupFailures(session);
            await Begin(session, entities, log, failures).NameAsync(task).ConfigureAwait(false);
            failures.Report(warningOnce);
        }

        /// <summary>The session's VPG names, by identifier (empty if the look-up failed).</summary>
        public async Task<IReadOnlyDictionary<string, string?>> VpgNamesAsync()
        {
            if (_vpgs == null)
            {
                throw new InvalidOperationException("This namer does not name VPGs.");
            }

            return (await _vpgs.TableAsync().ConfigureAwait(false)).Names;
        }

        /// <summary>The session's VPG look-up as this listing sees it: names, LastTest dates, or why it failed.</summary>
        public Task<NameTable> VpgTableAsync() => _vpgs!.TableAsync();

        /// <summary>Why the session's VPG list could not be read for this listing; null when it was.</summary>
        public async Task<string?> VpgLookupFailureAsync() => (await _vpgs!.TableAsync().ConfigureAwait(false)).Failure;

        /// <summary>Refreshes the VPG names once in this listing if they are older than it (a value of -Vpg that no VPG has).</summary>
        public async Task<IReadOnlyDictionary<string, string?>> RefreshVpgNamesAsync()
        {
            NameTable table = await _vpgs!.TableAsync().ConfigureAwait(false);
            return (await _vpgs.RefreshAsync(table).ConfigureAwait(false)).Names;
        }

        /// <summary>Replaces the task's entity lists by lists that carry names.</summary>
        /// <remarks>
        /// Once the tables are at hand, nearly every task is named without awaiting anything: the
        /// slow path is for the first tasks, an unknown identifier and hosts.
        /// </remarks>
        public Task NameAsync(ZvmTask task) => TryNameNow(task) ? Task.CompletedTask : NameSlowAsync(task);

        private bool TryNameNow(ZvmTask task)
        {
            if (_vpgs != null && task.Vpgs.Count > 0)
            {
                if (!TryNameList(_vpgs, task.Vpgs, out ZvmEntityList? vpgs))
                {
                    return false;
                }

                task.Vpgs = vpgs!;
            }

            if (_sites != null && task.Sites.Count > 0)
            {
                if (!TryNameList(_sites, task.Sites, out ZvmEntityList? sites))
                {
                    return false;
                }

                task.Sites = sites!;
            }

            return _hosts == null || task.Hosts.Count == 0;
        }

        // False when the table is not at hand yet, or an identifier may need a refresh.
        private static bool TryNameList(ListingLookup lookup, ZvmEntityList list, out ZvmEntityList? named)
        {
            named = null;
            string[] identifiers = list.IdentifierArray;
            if (lookup.Table is not NameTable table)
            {
                return false;
            }

            if (identifiers.Length == 1 && lookup.Named.TryGetValue(identifiers[0], out named))
            {
                return true;
            }

            string?[]? names = null;
            for (int i = 0; i < identifiers.Length; i++)
            {
                if (table.Names.TryGetValue(identifiers[i], out string? name))
                {
                    if (name != null)
                    {
                        names ??= new string?[identifiers.Length];
                        names[i] = name;
                    }
                }
                else if (!lookup.IsSettled(table, identifiers[i]))
                {
                    return false;
                }
            }

            named = Remember(lookup, new ZvmEntityList(identifiers, names));
            return true;
        }

        private async Task NameSlowAsync(ZvmTask task)
        {
            if (_vpgs != null && task.Vpgs.Count > 0)
            {
                task.Vpgs = await NameListAsync(task.Vpgs, _vpgs).ConfigureAwait(false);
            }

            if (_sites != null && task.Sites.Count > 0)
            {
                task.Sites = await NameListAsync(task.Sites, _sites).ConfigureAwait(false);
            }

            if (_hosts != null && task.Hosts.Count > 0)
            {
                task.Hosts = await NameListAsync(task.Hosts, null).ConfigureAwait(false);
            }
        }

        /// <param name="lookup">the look-up of every entity of the list; null for hosts, whose look-up depends on their site</param>
        private async Task<ZvmEntityList> NameListAsync(ZvmEntityList list, ListingLookup? lookup)
        {
            string[] identifiers = list.IdentifierArray;
            var names = new string?[identifiers.Length];
            bool any = false;
            for (int i = 0; i < identifiers.Length; i++)
            {
                ListingLookup? owner = lookup ?? HostLookup(identifiers[i]);
                names[i] = owner == null ? null : await NameOfAsync(owner, identifiers[i]).ConfigureAwait(false);
                any |= names[i] != null;
            }

            var named = new ZvmEntityList(identifiers, any ? names : null);
            return lookup == null ? named : Remember(lookup, named);
        }

        // Most tasks touch one VPG and one site, the same few again and again: they share one list.
        private static ZvmEntityList Remember(ListingLookup lookup, ZvmEntityList named)
        {
            if (named.Count == 1)
            {
                lookup.Named[named.IdentifierArray[0]] = named;
            }

            return named;
        }

        private static async Task<string?> NameOfAsync(ListingLookup lookup, string identifier)
        {
            NameTable table = await lookup.TableAsync().ConfigureAwait(false);
            if (table.Names.TryGetValue(identifier, out string? name))
            {
                return name;
            }

            if (!lookup.IsSettled(table, identifier))
            {
                table = await lookup.RefreshAsync(table).ConfigureAwait(false);
                if (table.Names.TryGetValue(identifier, out name))
                {
                    return name;
                }

                table.Missing[identifier] = true;
            }

            return null;
        }

        private ListingLookup LookupOf(NameSource source) => new ListingLookup(source, _log, _failures, _directory.Patience, _startedAtUtc);

        private ListingLookup? HostLookup(string hostIdentifier)
        {
            // A host's identifier is its virtualization site's, a '.', and the host's own id.
            int dot = hostIdentifier.IndexOf('.');
            if (dot <= 0)
            {
                return null;
            }

            string site = hostIdentifier.Substring(0, dot);
            if (!_hosts!.TryGetValue(site, out ListingLookup? lookup))
            {
                lookup = LookupOf(_directory.Hosts(site));
                _hosts[site] = lookup;
            }

            return lookup;
        }
    }
}
