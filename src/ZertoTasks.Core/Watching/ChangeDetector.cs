using System;
using System.Collections.Generic;
using System.Linq;

namespace ZertoTasks.Watching
{
    /// <summary>
    /// What one ZVM's watch has seen, and what is new in each poll's answers: a task not seen
    /// before, a state that changed, with <see cref="WatchRules.IncludeProgress"/> a progress that
    /// changed. Each change is written once. The tasks that have not ended are kept, and those
    /// that ended only while the windows of the next polls can still return them, so memory
    /// follows what runs and what just changed, not the history. Times are the ZVM's own (UTC).
    /// </summary>
    internal sealed class ChangeDetector
    {
        private readonly WatchRules _rules;
        private readonly Dictionary<string, ZvmTask> _running = new Dictionary<string, ZvmTask>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ZvmTask> _ended = new Dictionary<string, ZvmTask>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _vanished = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private DateTime? _since;
        private bool _first = true;

        public ChangeDetector(WatchRules rules) => _rules = rules;

        /// <summary>The latest start seen (or where the watch began): new tasks are asked for from here, less the overlap.</summary>
        public DateTime StartedMark { get; private set; }

        /// <summary>The latest end seen (or where the watch began): ended tasks are asked for from here, less the overlap.</summary>
        public DateTime CompletedMark { get; private set; }

        public bool HasBegun { get; private set; }

        /// <summary>The ids of the tasks seen running.</summary>
        public IReadOnlyCollection<string> Running => _running.Keys;

        /// <summary>Tasks seen running that the last look at every running task did not return: to be read by id.</summary>
        public IReadOnlyCollection<string> Vanished => _vanished;

        /// <summary>How many tasks are remembered, running and recently ended.</summary>
        public int Remembered => _running.Count + _ended.Count;

        /// <summary>
        /// Sets where the windows start: at <paramref name="sinceZvm"/> (then the first poll writes
        /// what started or ended after it and what runs), or at <paramref name="zvmNow"/> (then the
        /// first poll only learns what is there, and writes nothing).
        /// </summary>
        public void Begin(DateTime zvmNow, DateTime? sinceZvm)
        {
            _since = sinceZvm;
            StartedMark = CompletedMark = sinceZvm ?? zvmNow;
            HasBegun = true;
        }

        /// <summary>A task read by id that the ZVM no longer knows.</summary>
        public void Forget(string identifier)
        {
            _running.Remove(identifier);
            _vanished.Remove(identifier);
        }

        /// <summary>
        /// The changes in one poll's answers, in the order they happened. <paramref name="sawAllRunning"/>:
        /// the poll asked for every task that had not ended, or with <paramref name="statesAsked"/>
        /// every task in those states (so one of them missing from the answers is read by id next).
        /// Changes after <paramref name="untilZvm"/> are left to a later watch.
        /// </summary>
        public List<ZvmTaskChange> Observe(IEnumerable<ZvmTask> answers, bool sawAllRunning, DateTime? untilZvm = null,
            IReadOnlyCollection<string>? statesAsked = null)
        {
            Dictionary<string, ZvmTask> tasks = Merge(answers);
            bool first = _first;
            _first = false;
            var changes = new List<ZvmTaskChange>();
            foreach (ZvmTask task in tasks.Values)
            {
                if (See(task, first, untilZvm) is ZvmTaskChange change)
                {
                    changes.Add(change);
                }
            }

            if (sawAllRunning)
            {
                foreach (KeyValuePair<string, ZvmTask> running in _running)
                {
                    bool asked = statesAsked == null || statesAsked.Contains(running.Value.State, StringComparer.OrdinalIgnoreCase);
                    if (asked && !tasks.ContainsKey(running.Key))
                    {
                        _vanished.Add(running.Key);
                    }
                }
            }

            Prune();
            changes.Sort((a, b) => Nullable.Compare(WhenItHappened(a.Task), WhenItHappened(b.Task)));
            return changes;
        }

        private ZvmTaskChange? See(ZvmTask task, bool first, DateTime? untilZvm)
        {
            DateTime? started = Utc(task.Started);
            DateTime? completed = Utc(task.Completed);
            if (started > StartedMark)
            {
                StartedMark = started.Value;
            }

            if (completed > CompletedMark)
            {
                CompletedMark = completed.Value;
            }

            string id = task.TaskIdentifier;
            _vanished.Remove(id);
            if (_ended.ContainsKey(id) || !_rules.Watches(task))
            {
                return null;
            }

            bool ended = HasEnded(task);
            _running.TryGetValue(id, out ZvmTask? before);
            if (ended)
            {
                _running.Remove(id);
                _ended[id] = task;
            }
            else
            {
                _running[id] = task;
            }

            if (untilZvm.HasValue && (ended ? completed : started) > untilZvm)
            {
                // Happened after the stop time: the next watch (-Since the stop time) writes it.
                return null;
            }

            if (before == null)
            {
                bool write = first
                    ? _since.HasValue && (!ended || started > _since || completed > _since)
                    : true;
                return write && _rules.Writes(task) ? new ZvmTaskChange(task, ZvmTaskChangeKind.New, null, null) : null;
            }

            if (before.State != task.State)
            {
                return _rules.Writes(task) ? new ZvmTaskChange(task, ZvmTaskChangeKind.State, before.State, before.Progress) : null;
            }

            return _rules.IncludeProgress && before.Progress != task.Progress && _rules.Writes(task)
                ? new ZvmTaskChange(task, ZvmTaskChangeKind.Progress, before.State, before.Progress)
                : null;
        }

        // One task can be in two answers of a poll, if it changed between them: an end state is the later.
        private static Dictionary<string, ZvmTask> Merge(IEnumerable<ZvmTask> answers)
        {
            var tasks = new Dictionary<string, ZvmTask>(StringComparer.OrdinalIgnoreCase);
            foreach (ZvmTask task in answers)
            {
                if (!tasks.TryGetValue(task.TaskIdentifier, out ZvmTask? other) || !HasEnded(other))
                {
                    tasks[task.TaskIdentifier] = task;
                }
            }

            return tasks;
        }

        // An ended task is forgotten once no window can return it again.
        private void Prune()
        {
            DateTime startedFrom = StartedMark - _rules.Overlap;
            DateTime completedFrom = CompletedMark - _rules.Overlap;
            List<string>? gone = null;
            foreach (KeyValuePair<string, ZvmTask> ended in _ended)
            {
                if (!(Utc(ended.Value.Started) >= startedFrom) && !(Utc(ended.Value.Completed) >= completedFrom))
                {
                    (gone ??= new List<string>()).Add(ended.Key);
                }
            }

            gone?.ForEach(id => _ended.Remove(id));
        }

        // An end state, or an end date with a state this module does not know.
        private static bool HasEnded(ZvmTask task) => task.Completed.HasValue || WatchRules.IsFinal(task.State);

        private static DateTime? WhenItHappened(ZvmTask task) => Utc(task.Completed) ?? Utc(task.Started);

        private static DateTime? Utc(DateTime? local) => local?.ToUniversalTime();
    }
}
