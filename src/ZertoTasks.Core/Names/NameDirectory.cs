using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Names
{
    /// <summary>
    /// The names of one session's VPGs, sites and hosts: one cached look-up of each, shared by
    /// every listing of the session (in any runspace, as the session itself is).
    /// </summary>
    internal sealed class NameDirectory
    {
        private static readonly ConditionalWeakTable<ZvmSession, NameDirectory> PerSession = new ConditionalWeakTable<ZvmSession, NameDirectory>();

        private readonly ZvmClient _client;
        private readonly ConcurrentDictionary<string, NameSource> _hosts = new ConcurrentDictionary<string, NameSource>(StringComparer.OrdinalIgnoreCase);
        private int _warned;

        private NameDirectory(ZvmClient client)
        {
            _client = client;
            Vpgs = new NameSource($"VPG names (GET /{EntityNameApi.VpgsPath})", log => StartFetch("VPG names", log, EntityNameApi.VpgNamesAsync));
            Sites = new NameSource(
                $"Site names (GET /{EntityNameApi.LocalSitePath} and /{EntityNameApi.PeerSitesPath})",
                log => StartFetch("Site names", log, EntityNameApi.LocalSiteNameAsync, EntityNameApi.PeerSiteNamesAsync));
        }

        public static NameDirectory Of(ZvmSession session) => PerSession.GetValue(session, s => new NameDirectory(s.Client));

        public NameSource Vpgs { get; }

        public NameSource Sites { get; }

        /// <summary>The time a listing waits for a look-up before it lists without its names.</summary>
        public TimeSpan Patience => _client.Timeout;

        /// <summary>The hosts of one virtualization site, the part of a host identifier before its first '.'.</summary>
        public NameSource Hosts(string siteIdentifier) => _hosts.GetOrAdd(siteIdentifier, site => new NameSource(
            $"Host names (GET /{EntityNameApi.HostsPath(site)})",
            log => StartFetch("Host names", log, (client, l, c) => EntityNameApi.HostNamesAsync(client, site, l, c))));

        /// <summary>True the first time only: a session's failed look-ups are warned about once, later ones go to the verbose stream.</summary>
        public bool IsFirstWarning() => Interlocked.Exchange(ref _warned, 1) == 0;

        // On the thread pool: up to its first await a call builds its request and starts a
        // connection, which would otherwise delay the listing's own requests to the next ZVMs.
        private Task<NameTable> StartFetch(string what, IZvmLog log, params Func<ZvmClient, IZvmLog, CancellationToken, Task<Dictionary<string, string?>>>[] calls) =>
            Task.Run(() => FetchAsync(what, log, calls));

        // Look-ups are not stopped with the listing that started them (Select-Object -First 1
        // would otherwise never let the cache fill); the session's time-out bounds each call.
        private async Task<NameTable> FetchAsync(string what, IZvmLog log, params Func<ZvmClient, IZvmLog, CancellationToken, Task<Dictionary<string, string?>>>[] calls)
        {
            var detached = new DetachedLog(log, what);
            var clock = Stopwatch.StartNew();
            DateTime startedAt = DateTime.UtcNow;
            var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var extra = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var failures = new List<string>();
            var running = new List<Task<Dictionary<string, string?>>>();
            foreach (var call in calls)
            {
                running.Add(call(_client, detached, CancellationToken.None));
            }

            foreach (Task<Dictionary<string, string?>> call in running)
            {
                try
                {
                    Dictionary<string, string?> found = await call.ConfigureAwait(false);
                    foreach (KeyValuePair<string, string?> entry in found)
                    {
                        names[entry.Key] = entry.Value;
                    }

                    if (found is EntityNames withExtra)
                    {
                        foreach (KeyValuePair<string, string> entry in withExtra.Extra)
                        {
                            extra[entry.Key] = entry.Value;
                        }
                    }
                }
                catch (Exception e)
                {
                    // Whatever went wrong, the tasks are still listed: with identifiers.
                    failures.Add(e.Message.TrimEnd('.'));
                }
            }

            string? failure = failures.Count > 0 ? string.Join("; ", failures) : null;
            detached.Verbose($"{names.Count} from {_client.Server} in {clock.ElapsedMilliseconds} ms{(failure != null ? "; " + failure : string.Empty)}.");
            return new NameTable(names, startedAt, failure) { Extra = extra };
        }

        /// <summary>
        /// The log of the listing that started a look-up, each line saying which look-up it is of.
        /// The listing may end before the look-up does: then its lines are dropped rather than
        /// failing the look-up.
        /// </summary>
        private sealed class DetachedLog : IZvmLog
        {
            private readonly IZvmLog _log;
            private readonly string _prefix;

            public DetachedLog(IZvmLog log, string what)
            {
                _log = log;
                _prefix = what + ": ";
            }

            public void Verbose(string message) => Try(() => _log.Verbose(_prefix + message));

            public void Debug(string message) => Try(() => _log.Debug(_prefix + message));

            private static void Try(Action write)
            {
                try
                {
                    write();
                }
                catch (OperationCanceledException)
                {
                }
                catch (ObjectDisposedException)
                {
                }
            }
        }
    }
}
