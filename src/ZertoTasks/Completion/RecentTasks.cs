using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;
using ZertoTasks.Listing;

namespace ZertoTasks.Completion
{
    /// <summary>
    /// A session's newest tasks, whatever their age, fetched in the background for
    /// -TaskIdentifier completion and kept for a minute, so pressing Tab costs at most a short
    /// wait, never a long download. The first fetch looks back a day, then further only while
    /// it has found fewer than it keeps, then over the whole history; a refresh asks only for
    /// what started since the oldest task kept. Memory holds the tasks kept, not the answers.
    /// </summary>
    internal sealed class RecentTasks
    {
        private const int Kept = 200;
        private static readonly TimeSpan[] LookBack = { TimeSpan.FromDays(1), TimeSpan.FromDays(30), TimeSpan.FromDays(366) };
        private static readonly TimeSpan CacheLife = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(30);
        private static readonly ConditionalWeakTable<ZvmSession, RecentTasks> PerSession = new ConditionalWeakTable<ZvmSession, RecentTasks>();

        private readonly ZvmSession _session;
        private readonly object _gate = new object();
        private Task<List<ZvmTask>>? _fetch;
        private DateTime _fetchedAt;

        private RecentTasks(ZvmSession session) => _session = session;

        public static RecentTasks Of(ZvmSession session) => PerSession.GetValue(session, s => new RecentTasks(s));

        /// <summary>The newest tasks, newest first; the last ones fetched, or empty, if the fetch has not ended within <paramref name="wait"/>.</summary>
        public IReadOnlyList<ZvmTask> Get(TimeSpan wait)
        {
            Task<List<ZvmTask>> fetch;
            Task<List<ZvmTask>>? previous = null;
            lock (_gate)
            {
                if (_fetch == null || (_fetch.IsCompleted && DateTime.UtcNow - _fetchedAt > CacheLife))
                {
                    previous = _fetch;
                    List<ZvmTask>? known = previous != null && previous.Status == TaskStatus.RanToCompletion ? previous.Result : null;
                    _fetchedAt = DateTime.UtcNow;
                    _fetch = FetchAsync(known);
                }

                fetch = _fetch;
            }

            if (CompletionText.CompletedWithin(fetch, wait))
            {
                return fetch.Result;
            }

            return previous != null && previous.Status == TaskStatus.RanToCompletion ? previous.Result : new List<ZvmTask>();
        }

        private async Task<List<ZvmTask>> FetchAsync(List<ZvmTask>? known)
        {
            using var limit = new CancellationTokenSource(FetchLimit);
            try
            {
                // What was kept is the newest Kept tasks, or the whole history if it is shorter: either
                // way a task that belongs in it now started after the oldest kept (the last one).
                if (known != null && known.Count > 0 && known[known.Count - 1].Started is DateTime oldest)
                {
                    return (await NewestAsync(oldest.AddMilliseconds(-1), limit.Token).ConfigureAwait(false)).NewestFirst();
                }

                NewestTasks newest = new NewestTasks(Kept);
                foreach (TimeSpan back in LookBack)
                {
                    newest = await NewestAsync(DateTime.UtcNow - back, limit.Token).ConfigureAwait(false);
                    if (newest.Count == Kept)
                    {
                        return newest.NewestFirst();
                    }
                }

                return (await NewestAsync(null, limit.Token).ConfigureAwait(false)).NewestFirst();
            }
            catch (Exception e) when (!(e is OutOfMemoryException || e is StackOverflowException))
            {
                // Completion offers what it has, whatever failed; errors belong to the command the user runs.
                return known ?? new List<ZvmTask>();
            }
        }

        private async Task<NewestTasks> NewestAsync(DateTime? startedAfter, CancellationToken cancellation)
        {
            var newest = new NewestTasks(Kept);
            var query = new TaskQuery { StartedAfter = startedAfter };
            using TaskListReader reader = await TaskEndpoints.OpenTaskListAsync(_session, query, SilentLog.Instance, cancellation).ConfigureAwait(false);
            while (true)
            {
                ZvmTask? task;
                try
                {
                    task = await reader.ReadNextAsync().ConfigureAwait(false);
                }
                catch (ZvmException e) when (reader.SkippedOne(e))
                {
                    continue; // a task that could not be read is not offered
                }

                if (task == null)
                {
                    break;
                }

                newest.Offer(task);
            }

            return newest;
        }
    }
}
