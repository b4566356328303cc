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

        private PollPlan(List<TaskQuery> queries, List<string> reads, bool asksAllRunning, IReadOnlyCollection<string>? statesAsked)
        {
            Queries = queries;
            Reads = reads;
            AsksAllRunning = asksAllRunning;
            StatesAsked = statesAsked;
        }

        public IReadOnlyList<TaskQuery> Queries { get; }

        /// <summary>Task ids to read one by one.</summary>
        public IReadOnlyList<string> Reads { get; }

        /// <summary>Whether the poll asks for the tasks that have not ended (see <see cref="StatesAsked"/>).</summary>
        public bool AsksAllRunning { get; }

        /// <summary>The states whose every task the poll asks for; null for every task that has not ended.</summary>
        public IReadOnlyCollection<string>? StatesAsked { get; }

        /// <summary>
        /// The next poll for what <paramref name="seen"/> knows. The first asks for every running
        /// task by state. Later ones leave out InProgress, the state most running tasks are in
        /// (unless progress is followed): a task that leaves it shows in another state's answer
        /// or in the window of ended tasks, and one that returns to it goes missing from the answer
        /// of its state, and is read by id. When few tasks run, each is read instead.
        /// </summary>
        public static PollPlan Next(ChangeDetector seen, WatchRules rules, bool first)
        {
            if (!seen.HasBegun)
            {
                throw new InvalidOperationException("The watch has not begun: its windows have no start.");
            }

            var queries = new List<TaskQuery>();
            var reads = new List<string>();
            IReadOnlyCollection<string>? statesAsked = null;
            if (rules.FollowsRunning)
            {
                queries.Add(new TaskQuery { StartedAfter = seen.StartedMark - rules.Overlap });
            }

            queries.Add(new TaskQuery { CompletedAfter = seen.CompletedMark - rules.Overlap });
            if (rules.FollowsRunning)
            {
                IReadOnlyList<ZvmTaskState> states = first || rules.IncludeProgress
                    ? RunningStates
                    : RunningStates.Where(state => state != ZvmTaskState.InProgress).ToList();
                if (!first && seen.Running.Count <= states.Count)
                {
                    reads.AddRange(seen.Running);
                }
                else
                {
                    queries.AddRange(states.Select(state => new TaskQuery { Status = state }));
                    statesAsked = states.Count == RunningStates.Count ? null : states.Select(state => state.ToString()).ToList();
                }
            }

            reads.AddRange(seen.Vanished.Where(id => !reads.Contains(id, StringComparer.OrdinalIgnoreCase)));
            return new PollPlan(queries, reads, rules.FollowsRunning, statesAsked);
        }
    }
}
