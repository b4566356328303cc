using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// -ThrottleLimit: runs the work of several ZVMs at once, at most that many ZVMs at a time.
    /// All the work of one session runs in one turn, so the limit counts ZVMs, not requests,
    /// and the work of a ZVM is never split across waves.
    /// </summary>
    internal static class ZvmThrottle
    {
        /// <summary>The items grouped by session, in the order the sessions first appear; an item without a session is a group of its own.</summary>
        public static List<List<T>> PerSession<T>(IEnumerable<T> items, Func<T, ZvmSession?> sessionOf)
        {
            var groups = new List<List<T>>();
            var bySession = new Dictionary<ZvmSession, List<T>>();
            foreach (T item in items)
            {
                ZvmSession? session = sessionOf(item);
                if (session == null || !bySession.TryGetValue(session, out List<T>? group))
                {
                    group = new List<T>();
                    groups.Add(group);
                    if (session != null)
                    {
                        bySession.Add(session, group);
                    }
                }

                group.Add(item);
            }

            return groups;
        }

        /// <summary>Runs <paramref name="run"/> for each group, all at once or at most <paramref name="throttleLimit"/> at a time (0: no limit).</summary>
        public static Task RunAsync<T>(IReadOnlyList<T> groups, int throttleLimit, Func<T, Task> run, CancellationToken cancellation)
        {
            SemaphoreSlim? turns = throttleLimit > 0 && throttleLimit < groups.Count ? new SemaphoreSlim(throttleLimit) : null;
            var running = new Task[groups.Count];
            for (int i = 0; i < running.Length; i++)
            {
                running[i] = RunInTurnAsync(groups[i], turns, run, cancellation);
            }

            return Task.WhenAll(running);
        }

        private static async Task RunInTurnAsync<T>(T group, SemaphoreSlim? turns, Func<T, Task> run, CancellationToken cancellation)
        {
            if (turns != null)
            {
                await turns.WaitAsync(cancellation).ConfigureAwait(false);
            }

            try
            {
                await run(group).ConfigureAwait(false);
            }
            finally
            {
                turns?.Release();
            }
        }
    }
}
