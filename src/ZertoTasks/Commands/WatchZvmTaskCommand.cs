using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Hosting;
using ZertoTasks.Listing;
using ZertoTasks.Names;
using ZertoTasks.Parameters;
using ZertoTasks.Transport;
using ZertoTasks.Watching;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// Follows the tasks of one or more ZVMs and writes each task as it starts and each time its
    /// state changes, until Ctrl+C, -Duration or -Until. The composition: for each ZVM, polls
    /// (<see cref="ZvmWatch"/>: the listing's read and merge stages, then change detection), then
    /// the listing's naming and -Vpg stages for the tasks that changed. Each ZVM is polled on its
    /// own, so one that is slow or away never holds up the others.
    /// </summary>
    [Cmdlet(VerbsCommon.Watch, "ZvmTask", DefaultParameterSetName = UntilStoppedSet,
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Watch-ZvmTask.md")]
    [OutputType(typeof(ZvmTaskChange))]
    public sealed class WatchZvmTaskCommand : ZvmSessionCmdlet
    {
        private const string UntilStoppedSet = "UntilStopped";
        private const string DurationSet = "Duration";
        private const string UntilSet = "Until";

        private readonly List<ZvmSession> _watched = new List<ZvmSession>();

        /// <summary>Only tasks of these types: names, numbers or wildcards.</summary>
        [Parameter]
        [SupportsWildcards]
        [TaskFilterValues(typeof(ZvmTaskType))]
        [ValidateRange(ZvmTaskType.CreateProtectionGroup, ZvmTaskType.SplitCommit)]
        public ZvmTaskType[] Type { get; set; } = new ZvmTaskType[0];

        /// <summary>Write a task only when it reaches one of these states: names, numbers or wildcards.</summary>
        [Parameter]
        [Alias("State")]
        [SupportsWildcards]
        [TaskFilterValues(typeof(ZvmTaskState))]
        [ValidateRange(ZvmTaskState.InProgress, ZvmTaskState.Cancelling)]
        public ZvmTaskState[] Status { get; set; } = new ZvmTaskState[0];

        /// <summary>Only tasks that touched one of these VPGs, by name or identifier; wildcards allowed.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.VpgCompleter))]
        public string[]? Vpg { get; set; }

        /// <summary>First write what started or ended since this time (this machine's) and what runs now, then follow.</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Stop after this long.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DurationSet)]
        public TimeSpan Duration { get; set; }

        /// <summary>Stop at this time (this machine's).</summary>
        [Parameter(Mandatory = true, ParameterSetName = UntilSet)]
        public DateTime Until { get; set; }

        /// <summary>Also write a task whose progress changed.</summary>
        [Parameter]
        public SwitchParameter IncludeProgress { get; set; }

        /// <summary>Seconds between two polls of a ZVM.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollIntervalSec { get; set; } = 5;

        /// <summary>No look-ups of names: VPGs, sites and hosts carry identifiers only (VPG names are still looked up for -Vpg).</summary>
        [Parameter]
        public SwitchParameter SkipNameLookup { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord() => ResolveSessions().ForEach(session => AddOnce(_watched, session));

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            DateTime? endUtc = ParameterSetName == DurationSet ? DateTime.UtcNow + Duration
                : ParameterSetName == UntilSet ? Until.ToUniversalTime() : (DateTime?)null;
            DateTime? since = BoundValue<DateTime>(nameof(Since));
            var rules = new WatchRules(Status, Type, IncludeProgress);
            VpgFilter? filter = VpgValues.FilterOf(Vpg);
            NamedEntities named = !SkipNameLookup ? NamedEntities.All : filter != null ? NamedEntities.Vpgs : NamedEntities.None;
            var interval = TimeSpan.FromSeconds(PollIntervalSec);
            List<ZvmWatch> watches = _watched.Select(session => new ZvmWatch(session, rules, since, endUtc?.ToLocalTime())).ToList();
            WriteVerbose($"Watch-ZvmTask: following {watches.Count} ZVM(s) every {PollIntervalSec} s{(endUtc.HasValue ? $" until {endUtc.Value.ToLocalTime():yyyy-MM-dd HH:mm:ss}" : string.Empty)}.");
            RunWorkerWritingErrors(async (bridge, cancellation) =>
            {
                if (filter != null)
                {
                    await CheckVpgsAsync(_watched, filter, bridge).ConfigureAwait(false);
                }

                await Task.WhenAll(watches.Select(watch => FollowAsync(watch, interval, endUtc, named, filter, bridge, cancellation))).ConfigureAwait(false);
            });
        }

        /// <summary>
        /// -Vpg as Get-ZvmTask has it, once before the first poll: a ZVM whose VPG list cannot be
        /// read is VpgLookupFailed, a value without wildcards that names no VPG is VpgNotFound.
        /// Neither ends the watch: a VPG created later is matched by its name when its tasks come.
        /// </summary>
        private static async Task CheckVpgsAsync(IReadOnlyList<ZvmSession> sessions, VpgFilter filter, PipelineBridge bridge)
        {
            await Task.WhenAll(sessions.Select(async session =>
            {
                var names = new NameTasks(session, NamedEntities.Vpgs, new LookupFailures(session));
                names.Start(bridge);
                await filter.LookForVpgsAsync(session, names.Namer).ConfigureAwait(false);
            })).ConfigureAwait(false);

            foreach (ZvmException error in filter.Errors(sessions, ". The watch goes on, and writes the tasks of such a VPG if one is created."))
            {
                bridge.WriteError(error);
            }
        }

        /// <summary>Polls one ZVM until the end; a poll that fails is one warning (away) or error (refused) per outage, and polling goes on.</summary>
        private static async Task FollowAsync(ZvmWatch watch, TimeSpan interval, DateTime? endUtc, NamedEntities named, VpgFilter? filter,
            PipelineBridge bridge, CancellationToken cancellation)
        {
            DateTime? troubleSince = null;
            while (true)
            {
                DateTime polled = DateTime.UtcNow;
                try
                {
                    List<ZvmTaskChange> changes = await watch.PollAsync(bridge, cancellation).ConfigureAwait(false);
                    if (troubleSince.HasValue)
                    {
                        bridge.Verbose($"{watch.Session.Server} answers again, after {TrimmedSeconds(polled - troubleSince.Value)}; what changed meanwhile follows.");
                        troubleSince = null;
                    }

                    await WriteAsync(watch.Session, changes, named, filter, bridge).ConfigureAwait(false);
                }
                catch (ZvmException e) when (!cancellation.IsCancellationRequested)
                {
                    if (e.ErrorId == ErrorIds.ZvmSessionDisconnected)
                    {
                        bridge.WriteError(e);
                        return;
                    }

                    if (troubleSince.HasValue)
                    {
                        bridge.Verbose(e.Message);
                    }
                    else
                    {
                        troubleSince = polled;
                        ReportTrouble(watch, e, polled, bridge);
                    }
                }

                DateTime now = DateTime.UtcNow;
                if (now >= endUtc)
                {
                    bridge.Verbose($"{watch.Session.Server}: {watch.Polls} poll(s), {watch.TasksRead} task(s) read.");
                    return;
                }

                TimeSpan wait = polled + interval - now;
                if (endUtc.HasValue && endUtc.Value - now < wait)
                {
                    wait = endUtc.Value - now;
                }

                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
                }
            }
        }

        /// <summary>A ZVM that is away (<see cref="ZvmOutages.IsOutage"/>) is a warning; one that refuses (a licence, a login) an error. Either once, until it answers again.</summary>
        private static void ReportTrouble(ZvmWatch watch, ZvmException e, DateTime since, PipelineBridge bridge)
        {
            if (!ZvmOutages.IsOutage(e))
            {
                bridge.WriteError(e);
                return;
            }

            bridge.Warning($"{watch.Session.Server} cannot be reached since {since.ToLocalTime():HH:mm:ss}: {e.Message.TrimEnd('.')}. " +
                "Watch-ZvmTask goes on polling it, and writes what changed meanwhile when it answers again.");
        }

        // The changed tasks through the listing's last stages: named, then -Vpg.
        private static async Task WriteAsync(ZvmSession session, List<ZvmTaskChange> changes, NamedEntities named, VpgFilter? filter, PipelineBridge bridge)
        {
            if (changes.Count == 0)
            {
                return;
            }

            var failures = new LookupFailures(session);
            var stages = new List<TaskStage>();
            if (named != NamedEntities.None)
            {
                var names = new NameTasks(session, named, failures);
                stages.Add(names);
                if (filter != null)
                {
                    stages.Add(new FilterByVpg(session, filter, names));
                }
            }

            stages.ForEach(stage => stage.Start(bridge));
            foreach (ZvmTaskChange change in changes)
            {
                bool passes = true;
                foreach (TaskStage stage in stages)
                {
                    passes = passes && await stage.PassAsync(change.Task).ConfigureAwait(false);
                }

                if (passes)
                {
                    await bridge.WriteAsync(change).ConfigureAwait(false);
                }
            }

            failures.Report(bridge.WarningOnce);
        }

        private static string TrimmedSeconds(TimeSpan time) => $"{Math.Round(time.TotalSeconds)} s";
    }
}
