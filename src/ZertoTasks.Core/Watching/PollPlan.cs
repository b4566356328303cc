using System;
using System.Collections.Generic;
using System.Linq;
using ZertoTasks.Listing;

namespace ZertoTasks.Watching
{
    /// <summary>
    /// The requests of one poll of one ZVM. Never the whole history: new tasks come from a
    /// startedAfterDate window and ended ones from a completedAfterDate window, each from the
    /// latest time seen less an overlap; the tasks that have not ended come from one status
    /// query per state a task leaves, or, when they are few, one read of each. A status query
    /// for an end state (the whole Failed history, say) is never sent.
    /// </summary>
    internal sealed class PollPlan
    {
        /// <summary>The states a task leaves: what a status query may ask for.</summary>
        public static readonly IReadOnlyList<ZvmTaskState> RunningStates = new[]
        {
            ZvmTaskState.InProgress, ZvmTaskState.WaitingForUserInput, ZvmTaskState.Paused, ZvmTaskState.Cancelling,
        };

        private PollPlan(List<TaskQuery> queries, List<string> reads, bool asksAllRunning)
        {
            Queries = queries;
            Reads = reads;
            AsksAllRunning = asksAllRunning;
        }

        public IReadOnlyList<TaskQuery> Queries { get; }

        /// <summary>Task ids to read one by one.</summary>
        public IReadOnlyList<string> Reads { get; }

        /// <summary>Whether the poll asks for every task that has not ended.</summary>
        public bool AsksAllRunning { get; }

        /// <summary>The next poll for what <paramref name="seen"/> knows; the first one (nothing seen yet) asks for every running task by state.</summary>
        public static PollPlan Next(ChangeDetector seen, WatchRules rules, bool first)
        {
            if (!seen.HasBegun)
            {
                throw new InvalidOperationException("The watch has not begun: its windows have no start.");
            }

            var queries = new List<TaskQuery>();
            var reads = new List<string>();
            if (rules.FollowsRunning)
            {
                queries.Add(new TaskQuery { StartedAfter = seen.StartedMark - rules.Overlap });
            }

            queries.Add(new TaskQuery { CompletedAfter = seen.CompletedMark - rules.Overlap });
            if (rules.FollowsRunning)
            {
                if (first || seen.Running.Count > RunningStates.Count)
                {
                    queries.AddRange(RunningStates.Select(state => new TaskQuery { Status = state }));
                }
                else
                {
                    reads.AddRange(seen.Running);
                }
            }

            reads.AddRange(seen.Vanished.Where(id => !reads.Contains(id, StringComparer.OrdinalIgnoreCase)));
            return new PollPlan(queries, reads, rules.FollowsRunning);
        }
    }
}
