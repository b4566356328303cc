using System;
using System.Collections.Generic;
using System.Linq;

namespace ZertoTasks.Watching
{
    /// <summary>What a watch writes (its filters) and how far its windows overlap.</summary>
    internal sealed class WatchRules
    {
        /// <summary>
        /// How far each window reaches back before the newest time already seen: whether the
        /// API's date bounds are inclusive, and how late a task shows in the list, are not documented.
        /// </summary>
        public static readonly TimeSpan DefaultOverlap = TimeSpan.FromSeconds(60);

        private readonly HashSet<string>? _states;
        private readonly HashSet<string>? _types;

        public WatchRules(IReadOnlyCollection<ZvmTaskState>? states = null, IReadOnlyCollection<ZvmTaskType>? types = null, bool includeProgress = false)
        {
            _states = states is { Count: > 0 } ? new HashSet<string>(states.Select(s => s.ToString()), StringComparer.OrdinalIgnoreCase) : null;
            _types = types is { Count: > 0 } ? new HashSet<string>(types.Select(t => t.ToString()), StringComparer.OrdinalIgnoreCase) : null;
            IncludeProgress = includeProgress;
            FollowsRunning = includeProgress || _states == null || states!.Any(state => !IsFinal(state.ToString()));
        }

        public TimeSpan Overlap { get; set; } = DefaultOverlap;

        public bool IncludeProgress { get; }

        /// <summary>
        /// Whether tasks that have not ended are followed: not when only end states are written
        /// (-Status Failed), as every task that ends shows in the window of ended tasks.
        /// </summary>
        public bool FollowsRunning { get; }

        /// <summary>Whether a task of this type is watched at all (-Type).</summary>
        public bool Watches(ZvmTask task) => _types == null || _types.Contains(task.Type) || (TaskTypeCatalog.TypeNumber(task.Type) is int n && _types.Contains(((ZvmTaskType)n).ToString()));

        /// <summary>Whether a task that reached this state is written (-Status).</summary>
        public bool Writes(ZvmTask task) => _states == null || _states.Contains(task.State);

        public static bool IsFinal(string state) =>
            state == nameof(ZvmTaskState.Completed) || state == nameof(ZvmTaskState.Failed) || state == nameof(ZvmTaskState.Stopped);
    }
}
