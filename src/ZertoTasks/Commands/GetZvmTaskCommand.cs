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

namespace ZertoTasks.Commands
{
    /// <summary>
    /// Lists a ZVM's tasks (filtered on the server) or reads tasks by id. Tasks are written as
    /// they are read off the wire; several sessions are read at once (<see cref="FleetListing"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZvmTask", DefaultParameterSetName = ListSet,
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Get-ZvmTask.md")]
    [OutputType(typeof(ZvmTask))]
    public sealed class GetZvmTaskCommand : ZvmSessionCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        // As Invoke-Command's: the reads wait on the network, not on this machine's cores.
        internal const int DefaultThrottleLimit = 32;

        // The list's sessions, gathered from every record and read together at the end.
        private readonly List<ZvmSession> _listed = new List<ZvmSession>();
        private TaskQueryPlan? _plan;

        /// <summary>Tasks to read, &lt;taskGuid&gt;.&lt;siteGuid&gt;.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "TaskId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.TaskIdentifierCompleter))]
        public string[] TaskIdentifier { get; set; } = new string[0];

        /// <summary>Only tasks that started before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime StartedBefore { get; set; }

        /// <summary>Only tasks that started after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime StartedAfter { get; set; }

        /// <summary>Only tasks that completed before this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime CompletedBefore { get; set; }

        /// <summary>Only tasks that completed after this time.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTime CompletedAfter { get; set; }

        /// <summary>Only tasks of these types: names, numbers or wildcards.</summary>
        /// <remarks>The range keeps FirstUnusedValue (0), the API's placeholder, out of Tab completion.</remarks>
        [Parameter(ParameterSetName = ListSet)]
        [SupportsWildcards]
        [TaskFilterValues(typeof(ZvmTaskType))]
        [ValidateRange(ZvmTaskType.CreateProtectionGroup, ZvmTaskType.SplitCommit)]
        public ZvmTaskType[] Type { get; set; } = new ZvmTaskType[0];

        /// <summary>Only tasks in these states: names, numbers or wildcards.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("State")]
        [SupportsWildcards]
        [TaskFilterValues(typeof(ZvmTaskState))]
        [ValidateRange(ZvmTaskState.InProgress, ZvmTaskState.Cancelling)]
        public ZvmTaskState[] Status { get; set; } = new ZvmTaskState[0];

        /// <summary>Only tasks that touched one of these VPGs, by name or identifier; wildcards allowed. Applied by the module as tasks stream; the VPG names are looked up even with -SkipNameLookup.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.VpgCompleter))]
        public string[]? Vpg { get; set; }

        /// <summary>No look-ups of names: the tasks' VPGs, sites and hosts carry identifiers only (VPG names are still looked up for -Vpg).</summary>
        [Parameter]
        public SwitchParameter SkipNameLookup { get; set; }

        /// <summary>Only the N most recently started tasks (of all sessions), newest first.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, int.MaxValue)]
        public int Newest { get; set; }

        /// <summary>
        /// Piped sessions (by value) make a list of their tasks; a piped task's Server (by
        /// property name) says where to read its id again.
        /// </summary>
        [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true)]
        [Parameter(ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Server")]
        [ValidateNotNullOrEmpty]
        [SessionTransformation]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public override ZvmSession[]? Session { get; set; }

        /// <summary>How many ZVMs are read at the same time, at most; the others wait for a free slot.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (ParameterSetName == ListSet)
            {
                _plan = BuildPlan();
                if (_plan.Description != null)
                {
                    WriteVerbose($"Get-ZvmTask: {_plan.Description}");
                }
            }
        }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            List<ZvmSession> sessions = ResolveSessions();
            if (ParameterSetName == ListSet)
            {
                sessions.ForEach(session => AddOnce(_listed, session));
                return;
            }

            List<string> identifiers = ValidTaskIdentifiers(TaskIdentifier);
            RunWorkerWritingErrors((bridge, cancellation) => ReadTasksAsync(sessions, identifiers, NamesToLookUp(null), bridge, cancellation));
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (ParameterSetName != ListSet || _listed.Count == 0)
            {
                return;
            }

            // The set can be known only once input is bound: a list may have no plan yet.
            TaskQueryPlan plan = _plan ?? BuildPlan();
            VpgFilter? filter = VpgValues.FilterOf(Vpg);
            NamedEntities named = NamesToLookUp(filter);
            NewestTasks? newest = BoundValue<int>(nameof(Newest)) is int count ? new NewestTasks(count) : null;
            FleetProgress? progress = _listed.Count > 1 ? new FleetProgress(_listed.Count) : null;
            Dictionary<ZvmSession, LookupFailures> failures = _listed.ToDictionary(session => session, session => new LookupFailures(session));
            RunWorkerWritingErrors(async (bridge, cancellation) =>
            {
                var listing = new FleetListing(_listed.ConvertAll(session => new ZvmListing(
                    session,
                    MergedTasks.Of(session, plan, cancellation),
                    Stages(session, plan.MayRepeat, named, filter, newest, progress, failures[session]))))
                {
                    ThrottleLimit = ThrottleLimit,
                    // As a ZVM's listing ends: its progress, and the one warning of the look-ups that failed in it.
                    ZvmEnded = session =>
                    {
                        progress?.Counts.ZvmDone();
                        failures[session].Report(bridge.WarningOnce);
                    },
                };
                Task reading = listing.RunAsync(bridge, cancellation);
                await (progress == null ? reading : progress.ShowWhileAsync(reading, bridge, cancellation)).ConfigureAwait(false);
                WriteVpgsNotFound(filter, bridge);
                foreach (ZvmTask task in newest?.NewestFirst() ?? new List<ZvmTask>())
                {
                    await bridge.WriteAsync(task).ConfigureAwait(false);
                }
            });
        }

        /// <summary>
        /// The line a ZVM's tasks go through: written once when the plan's answers may overlap,
        /// counted for the progress bar, named, passed through -Vpg, and with -Newest kept back
        /// to be written at the end.
        /// </summary>
        private static List<TaskStage> Stages(ZvmSession session, bool mayRepeat, NamedEntities named, VpgFilter? filter, NewestTasks? newest,
            FleetProgress? progress, LookupFailures failures)
        {
            var stages = new List<TaskStage>();
            if (mayRepeat)
            {
                stages.Add(new DropDuplicates());
            }

            if (progress != null)
            {
                stages.Add(progress.Counts);
            }

            if (named != NamedEntities.None)
            {
                var names = new NameTasks(session, named, failures);
                stages.Add(names);
                if (filter != null)
                {
                    stages.Add(new FilterByVpg(session, filter, names));
                }
            }

            if (newest != null)
            {
                stages.Add(new KeepNewest(newest));
            }

            return stages;
        }

        private NamedEntities NamesToLookUp(VpgFilter? filter) =>
            !SkipNameLookup ? NamedEntities.All : filter != null ? NamedEntities.Vpgs : NamedEntities.None;

        private TaskQueryPlan BuildPlan()
        {
            var window = new TaskQuery
            {
                StartedBefore = BoundValue<DateTime>(nameof(StartedBefore)),
                StartedAfter = BoundValue<DateTime>(nameof(StartedAfter)),
                CompletedBefore = BoundValue<DateTime>(nameof(CompletedBefore)),
                CompletedAfter = BoundValue<DateTime>(nameof(CompletedAfter)),
            };
            try
            {
                window.Validate();
            }
            catch (ZvmException e)
            {
                ThrowTerminating(e);
            }

            return TaskQueryPlan.For(window, Type, Status);
        }

        private void WriteVpgsNotFound(VpgFilter? filter, PipelineBridge bridge)
        {
            foreach (ZvmException error in filter?.Errors(_listed, ", and no task listed names it.") ?? new ZvmException[0])
            {
                bridge.WriteError(error);
            }
        }

        private static async Task ReadTasksAsync(List<ZvmSession> sessions, List<string> identifiers, NamedEntities named, PipelineBridge bridge, CancellationToken cancellation)
        {
            foreach (string identifier in identifiers)
            {
                TaskLookup found = await TaskById.FindAsync(sessions, identifier, bridge, cancellation).ConfigureAwait(false);
                if (found.Task != null)
                {
                    if (named != NamedEntities.None)
                    {
                        await TaskNamer.NameOneAsync(found.Session!, named, found.Task, bridge, bridge.WarningOnce).ConfigureAwait(false);
                    }

                    await bridge.WriteAsync(found.Task).ConfigureAwait(false);
                }

                foreach (ZvmException failure in found.Failures)
                {
                    bridge.Error(ErrorRecords.From(failure));
                }
            }
        }
    }
}
