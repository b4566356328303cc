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
            // -TimeoutSec is a deadline: polls in flight, their retries and name look-ups included.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (timeout.HasValue)
            {
                deadline.CancelAfter(timeout.Value);
            }

            var outages = new ZvmOutages();
            TimeSpan interval = TimeSpan.FromSeconds(PollIntervalSec);
            try
            {
                while (true)
                {
                    foreach (TaskWait ended in await UntilDeadlineAsync(LookAtAllAsync(waits, outages, bridge, deadline.Token), deadline.Token).ConfigureAwait(false))
                    {
                        waits.Remove(ended);
                    }

                    if (waits.Count == 0)
                    {
                        return;
                    }

                    await Task.Delay(outages.NextDelay(interval), deadline.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
                foreach (TaskWait wait in waits)
                {
                    if (wait.TryFinish())
                    {
                        bridge.Progress(wait.Progress(ProgressRecordType.Completed, null));
                        bridge.Error(ErrorRecords.From(TimedOut(wait, timeout!.Value, outages)));
                    }
                }
            }
        }

        // The work, or OperationCanceledException as soon as the deadline passes, even if part of it
        // does not heed the token: what it does after is observed and dropped.
        private static async Task<T> UntilDeadlineAsync<T>(Task<T> work, CancellationToken deadline)
        {
            if (!work.IsCompleted)
            {
                var passed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                using (deadline.Register(() => passed.TrySetResult(true)))
                {
                    if (await Task.WhenAny(work, passed.Task).ConfigureAwait(false) != work)
                    {
                        _ = work.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                        throw new OperationCanceledException(deadline);
                    }
                }
            }

            return await work.ConfigureAwait(false);
        }

        private static ZvmException TimedOut(TaskWait wait, TimeSpan timeout, ZvmOutages outages)
        {
            string after = TransportErrors.Seconds(timeout);
            string? server = wait.Last?.Server ?? wait.UnreachableServer;
            DateTime? since = server == null ? null : outages.Since(server);
            string away = since is DateTime from ? $" {server} has been unreachable since {ZvmOutages.Clock(from, seconds: true)}." : string.Empty;
            ZvmTask? last = wait.Last;
            string message = last == null
                ? $"Task {wait.Identifier} had not been seen after {after}.{away}"
                : $"Task {wait.Identifier} ({last.Type}) was still {last.State} at {last.Progress}% after {after}{(since.HasValue ? ", the last state known" : string.Empty)}.{away}";
            return new ZvmException(ErrorIds.WaitTimedOut, ZvmErrorCategory.OperationTimeout, message, (object?)last ?? wait.Identifier);
        }

        /// <summary>
        /// Looks at every task once: the ZVMs at the same time, at most -ThrottleLimit of them, and
        /// the tasks of one ZVM one after another in its slot. A task not found yet has a slot of
        /// its own, as its look asks its candidate ZVMs in turn. Returns the tasks that ended.
        /// </summary>
        private async Task<List<TaskWait>> LookAtAllAsync(List<TaskWait> waits, ZvmOutages outages, PipelineBridge bridge, CancellationToken cancellation)
        {
            var ended = new List<TaskWait>();
            await ZvmThrottle.RunAsync(ZvmThrottle.PerSession(waits, wait => wait.Session), ThrottleLimit, async ofZvm =>
            {
                foreach (TaskWait wait in ofZvm)
                {
                    if (!await LookAsync(wait, outages, bridge, cancellation).ConfigureAwait(false))
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
        private async Task<bool> LookAsync(TaskWait wait, ZvmOutages outages, PipelineBridge bridge, CancellationToken cancellation)
        {
            // The first look finds which session has the task; later looks go straight there.
            // One try per look: the wait is the retry loop, and its back-off stays within the poll interval.
            IReadOnlyList<ZvmSession> where = wait.Session != null ? new[] { wait.Session } : wait.Candidates;
            TaskLookup found = await TaskById.FindAsync(where, wait.Identifier, bridge, cancellation, PollOnce).ConfigureAwait(false);
            if (found.Task == null)
            {
                return KeepWaitingThroughOutage(wait, found, outages, bridge) || StopWaiting(wait, found.Failures, bridge);
            }

            ZvmTask task = found.Task;
            Answered(found.Session!.Server, outages, bridge);
            await TaskNamer.NameOneAsync(found.Session!, NamedEntities.All, task, bridge, bridge.WarningOnce).ConfigureAwait(false);
            wait.Session = found.Session;
            wait.Last = task;
            wait.UnreachableServer = null;
            if (!task.IsFinished)
            {
                WarnOnceIfWaitingForPerson(wait, bridge);
                bridge.Progress(wait.Progress(ProgressRecordType.Processing, null));
                return true;
            }

            if (!wait.TryFinish())
            {
                // -TimeoutSec has spoken for it meanwhile.
                return false;
            }

            bridge.Progress(wait.Progress(ProgressRecordType.Completed, null));
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

        private static readonly RetryPolicy PollOnce = new RetryPolicy(0, TimeSpan.FromSeconds(1));

        /// <summary>
        /// A look that found nothing: true while a ZVM that may have the task is away (the wait goes
        /// on, one warning per outage), false when every ZVM asked answered (its refusal ends the wait).
        /// </summary>
        private static bool KeepWaitingThroughOutage(TaskWait wait, TaskLookup found, ZvmOutages outages, PipelineBridge bridge)
        {
            DateTime now = DateTime.Now;
            string? away = null;
            for (int i = 0; i < found.FailedSessions.Count; i++)
            {
                string server = found.FailedSessions[i].Server;
                if (ZvmOutages.IsOutage(found.Failures[i]))
                {
                    away ??= server;
                    if (outages.Failed(server, found.Failures[i], now) is string warning)
                    {
                        bridge.Warning(warning);
                    }
                }
                else
                {
                    Answered(server, outages, bridge);
                }
            }

            if (away == null)
            {
                return false;
            }

            wait.UnreachableServer = away;
            bridge.Progress(wait.Progress(ProgressRecordType.Processing, outages.Since(away)));
            return true;
        }

        private static void Answered(string server, ZvmOutages outages, PipelineBridge bridge)
        {
            if (outages.Answered(server, DateTime.Now) is string back)
            {
                bridge.Verbose(back);
            }
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
            if (!wait.TryFinish())
            {
                return false;
            }

            bridge.Progress(wait.Progress(ProgressRecordType.Completed, null));
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

            /// <summary>The ZVM that was away at the last look, while the task has not been found.</summary>
            public string? UnreachableServer { get; set; }

            private int _finished;

            /// <summary>True once, for whoever ends the wait for this task: its end, its error or -TimeoutSec.</summary>
            public bool TryFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

            /// <param name="unreachableSince">since when its ZVM is away, while it is</param>
            public ProgressRecord Progress(ProgressRecordType type, DateTime? unreachableSince)
            {
                string vpgs = Last?.Vpgs.Count > 0 ? $" of {Last.Vpgs}" : string.Empty;
                string activity = Last == null ? $"Waiting for task {Identifier}" : $"Waiting for {Last.Type}{vpgs} on {Last.Server}";
                string status = Last == null ? "Starting" : $"{Last.State}, {Last.Progress}%";
                if (unreachableSince is DateTime since)
                {
                    string server = Last?.Server ?? UnreachableServer ?? "the ZVM";
                    status = $"{server} unreachable since {ZvmOutages.Clock(since)}" + (Last == null ? string.Empty : $"; last seen {status}");
                }

                return new ProgressRecord(ActivityId, activity, status)
                {
                    PercentComplete = Last == null ? -1 : Math.Max(0, Math.Min(100, Last.Progress)),
                    RecordType = type,
                };
            }
        }
    }
}
