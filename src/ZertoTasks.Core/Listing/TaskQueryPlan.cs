using System;
using System.Collections.Generic;
using System.Linq;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Turns several types and states into requests. The API takes one type and one status per
    /// request, so each pair is asked separately, at the same time, and the answers merged. Past
    /// <see cref="MaxRequests"/> the filter with more values is not sent: the ZVM is asked without
    /// it and its values are kept as the tasks stream in.
    /// </summary>
    internal sealed class TaskQueryPlan
    {
        /// <summary>Requests one listing may send to one ZVM at once: each is a scan of its history.</summary>
        public const int MaxRequests = 8;

        private TaskQueryPlan(List<TaskQuery> queries, bool mayRepeat, string? description)
        {
            Queries = queries;
            MayRepeat = mayRepeat;
            Description = description;
        }

        /// <summary>The requests to send to each ZVM; their answers together are the tasks asked for.</summary>
        public IReadOnlyList<TaskQuery> Queries { get; }

        /// <summary>
        /// True when one task can be in two answers: states asked separately, one of them a state
        /// a task leaves (InProgress, ...), so a task can change state between the two reads.
        /// Types never change, and Failed, Stopped and Completed are final.
        /// </summary>
        public bool MayRepeat { get; }

        /// <summary>What is asked and what is filtered on this side, for -Verbose; null for one request with nothing filtered here.</summary>
        public string? Description { get; }

        /// <summary>The plan for the dates of <paramref name="window"/> and any of <paramref name="types"/> (empty: all) in any of <paramref name="states"/> (empty: all).</summary>
        public static TaskQueryPlan For(TaskQuery window, IReadOnlyList<ZvmTaskType> types, IReadOnlyList<ZvmTaskState> states)
        {
            bool sendTypes = types.Count > 0;
            bool sendStates = states.Count > 0;
            if (Math.Max(types.Count, 1) * Math.Max(states.Count, 1) > MaxRequests)
            {
                // Drop the filter with more values. The other then fits: there are only 7 states.
                sendTypes = types.Count < states.Count;
                sendStates = !sendTypes;
            }

            IReadOnlyCollection<ZvmTaskType>? keptTypes = types.Count > 0 && !sendTypes ? types : null;
            IReadOnlyCollection<ZvmTaskState>? keptStates = states.Count > 0 && !sendStates ? states : null;
            var queries = new List<TaskQuery>();
            foreach (ZvmTaskType? type in sendTypes ? types.Select(t => (ZvmTaskType?)t) : new ZvmTaskType?[] { null })
            {
                foreach (ZvmTaskState? state in sendStates ? states.Select(s => (ZvmTaskState?)s) : new ZvmTaskState?[] { null })
                {
                    queries.Add(window.With(type, state, keptTypes, keptStates));
                }
            }

            bool mayRepeat = sendStates && states.Count > 1 && states.Any(state => !IsFinal(state));
            return new TaskQueryPlan(queries, mayRepeat, Describe(queries.Count, keptTypes, keptStates));
        }

        private static bool IsFinal(ZvmTaskState state) =>
            state == ZvmTaskState.Failed || state == ZvmTaskState.Stopped || state == ZvmTaskState.Completed;

        private static string? Describe(int requests, IReadOnlyCollection<ZvmTaskType>? keptTypes, IReadOnlyCollection<ZvmTaskState>? keptStates)
        {
            if (requests == 1 && keptTypes == null && keptStates == null)
            {
                return null;
            }

            string asked = requests == 1 ? "1 request per ZVM" : $"{requests} requests per ZVM at once, their answers merged";
            var kept = new List<string>();
            if (keptTypes != null)
            {
                kept.Add($"the {keptTypes.Count} types ({string.Join(", ", keptTypes)})");
            }

            if (keptStates != null)
            {
                kept.Add($"the {keptStates.Count} states ({string.Join(", ", keptStates)})");
            }

            return kept.Count == 0
                ? asked + "."
                : $"{asked}; too many values to ask one by one, so the ZVM is asked without them and {string.Join(" and ", kept)} are kept as tasks arrive.";
        }
    }
}
