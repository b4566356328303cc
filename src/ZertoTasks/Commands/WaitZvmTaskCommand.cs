using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Hosting;
using ZertoTasks.Listing;
using ZertoTasks.Names;
using ZertoTasks.Transport;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// Waits for tasks to end (Completed, Failed or Stopped), polling /v1/tasks/{id} and showing
    /// one progress bar per task. Writes each task as it ends; a task that fails or stops is
    /// also a TaskFailed error, so -ErrorAction Stop makes a runbook stop on it. The tasks of
    /// several ZVMs are looked at at the same time, at most -ThrottleLimit ZVMs at once.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "ZvmTask",
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Wait-ZvmTask.md")]
    [OutputType(typeof(ZvmTask))]
    public sealed class WaitZvmTaskCommand : ZvmSessionCmdlet
    {
        // Each id with the sessions of its record: a piped task is looked for where it came from.
        private readonly List<(string Identifier, List<ZvmSession> Sessions)> _identifiers = new List<(string, List<ZvmSession>)>();

        /// <summary>Tasks to wait for, &lt;taskGuid&gt;.&lt;siteGuid&gt;.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TaskId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.TaskIdentifierCompleter))]
        public string[] TaskIdentifier { get; set; } = new string[0];

        /// <summary>How long to wait at most; without it, until every task has ended.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int TimeoutSec { get; set; }

        /// <summary>Seconds between two looks at a task.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        /// <summary>How many ZVMs are polled at the same time, at most; the tasks of one ZVM are looked at one after another.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = GetZvmTaskCommand.DefaultThrottleLimit;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            List<ZvmSession> sessions = ResolveSessions();
            foreach (string identifier in ValidTaskIdentifiers(TaskIdentifier))
            {
                _identifiers.Add((identifier, sessions));
            }
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            TimeSpan? timeout = BoundValue<int>(nameof(TimeoutSec)) is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var waits = new List<TaskWait>();
            for (int i = 0; i < _identifiers.Count; i++)
            {
                waits.Add(new TaskWait(_identifiers[i].Identifier, _identifiers[i].Sessions, activityId: i + 1));
            }

            if (waits.Count > 0)
            {
                RunWorkerWritingErrors((bridge, cancellation) => WaitAsync(waits, timeout, bridge, cancellation));
            }
        }

        private async Task WaitAsync(List<TaskWait> waits, TimeSpan? timeout, PipelineBridge bridge, CancellationToken cancellation)
        {
            DateTime deadline = timeout.HasValue ? DateTime.UtcNow + timeout.Value : DateTime.MaxValue;
            TimeSpan interval = TimeSpan.FromSeconds(PollIntervalSec);
            while (true)
            {
                foreach (TaskWait ended in await LookAtAllAsync(waits, bridge, cancellation).ConfigureAwait(false))
                {
                    waits.Remove(ended);
                }

                TimeSpan left = deadline - DateTime.UtcNow;
                if (waits.Count == 0)
                {
                    return;
                }

                if (left <= TimeSpan.Zero)
                {
                    foreach (TaskWait wait in waits)
                    {
                        bridge.Progress(wait.Progress(ProgressRecordType.Completed));
                        bridge.Error(ErrorRecords.From(new ZvmException(
                            ErrorIds.WaitTimedOut,
                            ZvmErrorCategory.OperationTimeout,
                            $"Task {wait.Identifier} ({wait.Last?.Type}) was still {wait.Last?.State} at {wait.Last?.Progress}% after {TransportErrors.Seconds(timeout!.Value)}.",
                            (object?)wait.Last ?? wait.Identifier)));
                    }

                    return;
                }

                await Task.Delay(left < interval ? left : interval, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Looks at every task once: the ZVMs at the same time, at most -ThrottleLimit of them, and
        /// the tasks of one ZVM one after another in its slot. A task not found yet has a slot of
        /// its own, as its look asks its candidate ZVMs in turn. Returns the tasks that ended.
        /// </summary>
        private async Task<List<TaskWait>> LookAtAllAsync(List<TaskWait> waits, PipelineBridge bridge, CancellationToken cancellation)
        {
            var ended = new List<TaskWait>();
            await ZvmThrottle.RunAsync(ZvmThrottle.PerSession(waits, wait => wait.Session), ThrottleLimit, async ofZvm =>
            {
                foreach (TaskWait wait in ofZvm)
                {
                    if (!await LookAsync(wait, bridge, cancellation).ConfigureAwait(false))
                    {
                        lock (ended)
                        {
                            ended.Add(wait);
                        }
                    }
                }
            }, cancellation).ConfigureAwait(false);
            return ended;
        }

        /// <summary>Looks at a task once; false when there is no more to wait for.</summary>
        private async Task<bool> LookAsync(TaskWait wait, PipelineBridge bridge, CancellationToken cancellation)
        {
            // The first look finds which session has the task; later looks go straight there.
            IReadOnlyList<ZvmSession> where = wait.Session != null ? new[] { wait.Session } : wait.Candidates;
            TaskLookup found = await TaskById.FindAsync(where, wait.Identifier, bridge, cancellation).ConfigureAwait(false);
            if (found.Task == null)
            {
                return StopWaiting(wait, found.Failures, bridge);
            }

            ZvmTask task = found.Task;
            await TaskNamer.NameOneAsync(found.Session!, NamedEntities.All, task, bridge, bridge.WarningOnce).ConfigureAwait(false);
            wait.Session = found.Session;
            wait.Last = task;
            if (!task.IsFinished)
            {
                WarnOnceIfWaitingForPerson(wait, bridge);
                bridge.Progress(wait.Progress(ProgressRecordType.Processing));
                return true;
            }

            bridge.Progress(wait.Progress(ProgressRecordType.Completed));
            await bridge.WriteAsync(task).ConfigureAwait(false);
            if (task.State != nameof(ZvmTaskState.Completed))
            {
                string reason = task.CompleteReason.Length > 0 ? task.CompleteReason : "the ZVM gave no reason";
                bridge.Error(ErrorRecords.From(new ZvmException(
                    ErrorIds.TaskFailed,
                    ZvmErrorCategory.InvalidResult,
                    $"Task {task.TaskIdentifier} ({task.Type}{(task.Vpgs.Count > 0 ? " of " + task.Vpgs : string.Empty)}) ended {task.State}: {reason}",
                    task)));
            }

            return false;
        }

        /// <summary>A failover or move waiting for commit or rollback will not end by itself: say so, once per task.</summary>
        private static void WarnOnceIfWaitingForPerson(TaskWait wait, PipelineBridge bridge)
        {
            ZvmTask task = wait.Last!;
            if (wait.WarnedOfPerson || task.State != nameof(ZvmTaskState.WaitingForUserInput))
            {
                return;
            }

            wait.WarnedOfPerson = true;
            bridge.Warning($"Task {task.TaskIdentifier} ({task.Type}) on {task.Server} is waiting for user input, such as a commit or rollback in the Zerto user interface: it ends only when someone acts on it, or when -TimeoutSec runs out.");
        }

        private static bool StopWaiting(TaskWait wait, IEnumerable<ZvmException> failures, PipelineBridge bridge)
        {
            bridge.Progress(wait.Progress(ProgressRecordType.Completed));
            foreach (ZvmException failure in failures)
            {
                bridge.Error(ErrorRecords.From(failure));
            }

            return false;
        }

        /// <summary>One task being waited for, and its progress bar.</summary>
        private sealed class TaskWait
        {
            public TaskWait(string identifier, List<ZvmSession> candidates, int activityId)
            {
                Identifier = identifier;
                Candidates = candidates;
                ActivityId = activityId;
            }

            public string Identifier { get; }

            /// <summary>Where to look for the task the first time.</summary>
            public List<ZvmSession> Candidates { get; }

            public int ActivityId { get; }

            public ZvmSession? Session { get; set; }

            public ZvmTask? Last { get; set; }

            public bool WarnedOfPerson { get; set; }

            public ProgressRecord Progress(ProgressRecordType type)
            {
                string vpgs = Last?.Vpgs.Count > 0 ? $" of {Last.Vpgs}" : string.Empty;
                string activity = Last == null ? $"Waiting for task {Identifier}" : $"Waiting for {Last.Type}{vpgs} on {Last.Server}";
                string status = Last == null ? "Starting" : $"{Last.State}, {Last.Progress}%";
                return new ProgressRecord(ActivityId, activity, status)
                {
                    PercentComplete = Last == null ? -1 : Math.Max(0, Math.Min(100, Last.Progress)),
                    RecordType = type,
                };
            }
        }
    }
}
