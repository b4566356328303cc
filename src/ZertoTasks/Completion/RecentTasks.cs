using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Http;
using ZertoTasks.Json;

namespace ZertoTasks.Completion
{
    /// <summary>
    /// A session's recent tasks, fetched in the background for -TaskIdentifier completion and
    /// kept for a minute, so pressing Tab costs at most a short wait, never a long download.
    /// </summary>
    internal sealed class RecentTasks
    {
        private const int Kept = 200;
        private static readonly TimeSpan Window = TimeSpan.FromDays(30);
        private static readonly TimeSpan CacheLife = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(30);
        private static readonly ConditionalWeakTable<ZvmSession, RecentTasks> PerSession = new ConditionalWeakTable<ZvmSession, RecentTasks>();

        private readonly ZvmSession _session;
        private readonly object _gate = new object();
        private Task<List<ZvmTask>>? _fetch;
        private DateTime _fetchedAt;

        private RecentTasks(ZvmSession session) => _session = session;

        public static RecentTasks Of(ZvmSession session) => PerSession.GetValue(session, s => new RecentTasks(s));

        /// <summary>The newest tasks, newest first; empty if they have not arrived within <paramref name="wait"/>.</summary>
        public IReadOnlyList<ZvmTask> Get(TimeSpan wait)
        {
            Task<List<ZvmTask>> fetch;
            lock (_gate)
            {
                if (_fetch == null || (_fetch.IsCompleted && DateTime.UtcNow - _fetchedAt > CacheLife))
                {
                    _fetchedAt = DateTime.UtcNow;
                    _fetch = FetchAsync();
                }

                fetch = _fetch;
            }

            return fetch.Wait(wait) && fetch.Status == TaskStatus.RanToCompletion ? fetch.Result : new List<ZvmTask>();
        }

        private async Task<List<ZvmTask>> FetchAsync()
        {
            using var limit = new CancellationTokenSource(FetchLimit);
            var query = new TaskQuery { StartedAfter = DateTime.UtcNow - Window };
            var tasks = new List<ZvmTask>();
            try
            {
                using TaskListReader reader = await ZvmTaskApi.OpenTaskListAsync(_session, query, SilentLog.Instance, limit.Token).ConfigureAwait(false);
                while (await reader.ReadNextAsync().ConfigureAwait(false) is ZvmTask task)
                {
                    tasks.Add(task);
                }
            }
            catch (Exception e) when (e is ZvmException || e is OperationCanceledException)
            {
                // Completion offers what it has; errors belong to the command the user runs.
            }

            tasks.Sort((a, b) => Nullable.Compare(b.Started, a.Started));
            return tasks.Count > Kept ? tasks.GetRange(0, Kept) : tasks;
        }
    }
}
