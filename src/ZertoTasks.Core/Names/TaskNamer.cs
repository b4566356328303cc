using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Names
{
    /// <summary>Which related entities get names.</summary>
    [Flags]
    internal enum NamedEntities
    {
        None = 0,
        Vpgs = 1,
        Sites = 2,
        Hosts = 4,
        All = Vpgs | Sites | Hosts,
    }

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
        private readonly Lookup? _vpgs;
        private readonly Lookup? _sites;
        private readonly Dictionary<string, Lookup>? _hosts;

        private TaskNamer(NameDirectory directory, NamedEntities entities, IZvmLog log, LookupFailures failures)
        {
            _directory = directory;
            _log = log;
            _failures = failures;
            _vpgs = (entities & NamedEntities.Vpgs) != 0 ? new Lookup(directory.Vpgs, log) : null;
            _sites = (entities & NamedEntities.Sites) != 0 ? new Lookup(directory.Sites, log) : null;
            _hosts = (entities & NamedEntities.Hosts) != 0 ? new Dictionary<string, Lookup>(StringComparer.OrdinalIgnoreCase) : null;
        }

        /// <summary>Starts the look-ups that the cache cannot answer; <paramref name="failures"/> notes those that fail.</summary>
        public static TaskNamer Begin(ZvmSession session, NamedEntities entities, IZvmLog log, LookupFailures failures) =>
            new TaskNamer(NameDirectory.Of(session), entities, log, failures);

        /// <summary>Names one task read on its own, and gives the warning of the look-ups that failed.</summary>
        public static async Task NameOneAsync(ZvmSession session, NamedEntities entities, ZvmTask task, IZvmLog log, Action<string, Func<bool>> warnIfClaimed)
        {
            var failures = new LookupFailures(session);
            await Begin(session, entities, log, failures).NameAsync(task).ConfigureAwait(false);
            failures.Report(warnIfClaimed);
        }

        /// <summary>The session's VPG names, by identifier (empty if the look-up failed).</summary>
        public async Task<IReadOnlyDictionary<string, string?>> VpgNamesAsync()
        {
            if (_vpgs == null)
            {
                throw new InvalidOperationException("This namer does not name VPGs.");
            }

            return (await TableAsync(_vpgs).ConfigureAwait(false)).Names;
        }

        /// <summary>Refreshes the VPG names once in this listing if they are older than it (a value of -Vpg that no VPG has).</summary>
        public async Task<IReadOnlyDictionary<string, string?>> RefreshVpgNamesAsync()
        {
            NameTable table = await TableAsync(_vpgs!).ConfigureAwait(false);
            return (await RefreshAsync(_vpgs!, table).ConfigureAwait(false)).Names;
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
        private bool TryNameList(Lookup lookup, ZvmEntityList list, out ZvmEntityList? named)
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
                else if (!IsSettled(lookup, table, identifiers[i]))
                {
                    return false;
                }
            }

            named = Remember(lookup, new ZvmEntityList(identifiers, names));
            return true;
        }

        // Whether an identifier the table lacks stays without a name, with no refresh to try.
        private bool IsSettled(Lookup lookup, NameTable table, string identifier)
        {
            if (table.Failure != null || table.Missing.ContainsKey(identifier))
            {
                return true;
            }

            if (lookup.Refreshed || table.FetchedAtUtc >= _startedAtUtc)
            {
                table.Missing[identifier] = true;
                return true;
            }

            return false;
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
        private async Task<ZvmEntityList> NameListAsync(ZvmEntityList list, Lookup? lookup)
        {
            string[] identifiers = list.IdentifierArray;
            var names = new string?[identifiers.Length];
            bool any = false;
            for (int i = 0; i < identifiers.Length; i++)
            {
                Lookup? owner = lookup ?? HostLookup(identifiers[i]);
                names[i] = owner == null ? null : await NameOfAsync(owner, identifiers[i]).ConfigureAwait(false);
                any |= names[i] != null;
            }

            var named = new ZvmEntityList(identifiers, any ? names : null);
            return lookup == null ? named : Remember(lookup, named);
        }

        // Most tasks touch one VPG and one site, the same few again and again: they share one list.
        private static ZvmEntityList Remember(Lookup lookup, ZvmEntityList named)
        {
            if (named.Count == 1)
            {
                lookup.Named[named.IdentifierArray[0]] = named;
            }

            return named;
        }

        private async Task<string?> NameOfAsync(Lookup lookup, string identifier)
        {
            NameTable table = await TableAsync(lookup).ConfigureAwait(false);
            if (table.Names.TryGetValue(identifier, out string? name))
            {
                return name;
            }

            if (!IsSettled(lookup, table, identifier))
            {
                table = await RefreshAsync(lookup, table).ConfigureAwait(false);
                if (table.Names.TryGetValue(identifier, out name))
                {
                    return name;
                }

                table.Missing[identifier] = true;
            }

            return null;
        }

        // One refresh per look-up per listing, and none of a table this listing asked for itself.
        private async Task<NameTable> RefreshAsync(Lookup lookup, NameTable table)
        {
            if (lookup.Refreshed || table.FetchedAtUtc >= _startedAtUtc)
            {
                return table;
            }

            lookup.Refreshed = true;
            _log.Verbose($"{lookup.Source.What}: an identifier is not among the names of {table.FetchedAtUtc.ToLocalTime():HH:mm:ss}; asking again.");
            lookup.Pending = lookup.Source.Refresh(_startedAtUtc, _log);
            lookup.Table = null;
            lookup.Named.Clear();
            NameTable fresh = await TableAsync(lookup).ConfigureAwait(false);
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

        private async Task<NameTable> TableAsync(Lookup lookup)
        {
            if (lookup.Table != null)
            {
                return lookup.Table;
            }

            lookup.Table = await WithinPatienceAsync(lookup.Pending).ConfigureAwait(false);
            if (lookup.Table.Failure != null)
            {
                _failures.Add(lookup.Source.What, lookup.Table.Failure);
            }

            return lookup.Table;
        }

        private async Task<NameTable> WithinPatienceAsync(Task<NameTable> pending)
        {
            if (!pending.IsCompleted)
            {
                using var patience = new CancellationTokenSource();
                Task waited = await Task.WhenAny(pending, Task.Delay(_directory.Patience, patience.Token)).ConfigureAwait(false);
                patience.Cancel();
                if (waited != pending)
                {
                    // The call goes on, and fills the cache for a later listing.
                    return NameTable.Failed($"the ZVM did not answer within {TransportErrors.Seconds(_directory.Patience)}.", _startedAtUtc);
                }
            }

            return await pending.ConfigureAwait(false);
        }

        private Lookup? HostLookup(string hostIdentifier)
        {
            // A host's identifier is its virtualization site's, a '.', and the host's own id.
            int dot = hostIdentifier.IndexOf('.');
            if (dot <= 0)
            {
                return null;
            }

            string site = hostIdentifier.Substring(0, dot);
            if (!_hosts!.TryGetValue(site, out Lookup? lookup))
            {
                lookup = new Lookup(_directory.Hosts(site), _log);
                _hosts[site] = lookup;
            }

            return lookup;
        }

        /// <summary>One look-up as this listing sees it.</summary>
        private sealed class Lookup
        {
            public Lookup(NameSource source, IZvmLog log)
            {
                Source = source;
                Pending = source.Current(log);
            }

            public NameSource Source { get; }

            public Task<NameTable> Pending { get; set; }

            public NameTable? Table { get; set; }

            public bool Refreshed { get; set; }

            public Dictionary<string, ZvmEntityList> Named { get; } = new Dictionary<string, ZvmEntityList>(StringComparer.OrdinalIgnoreCase);
        }
    }
}
