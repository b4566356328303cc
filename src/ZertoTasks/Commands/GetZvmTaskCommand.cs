using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Http;
using ZertoTasks.Infrastructure;
using ZertoTasks.Names;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// Lists a ZVM's tasks (filtered on the server) or reads tasks by id. Tasks are written as
    /// they are read off the wire; several sessions are read at once (<see cref="TaskListing"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZvmTask", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ZvmTask))]
    public sealed class GetZvmTaskCommand : ZvmSessionCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        private IReadOnlyList<ZvmSession> _sessions = new ZvmSession[0];

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

        /// <summary>Only tasks that touched one of these VPGs, by name or identifier; wildcards allowed. Applied by the module as tasks stream.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.VpgCompleter))]
        public string[]? Vpg { get; set; }

        /// <summary>No look-ups of names: the tasks' VPGs, sites and hosts carry identifiers only (VPG names are still looked up for -Vpg).</summary>
        [Parameter]
        public SwitchParameter SkipNameLookup { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() => _sessions = ResolveSessions();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                TaskQueryPlan plan = BuildPlan();
                if (plan.Description != null)
                {
                    WriteVerbose($"Get-ZvmTask: {plan.Description}");
                }

                VpgFilter? filter = Vpg == null ? null : new VpgFilter(Vpg);
                NamedEntities named = NamesToLookUp(filter);
                var listing = new TaskListing(ReadsOf(plan, named, filter));
                RunWorkerWritingErrors(async (outbox, cancellation) =>
                {
                    await listing.RunAsync(outbox, cancellation).ConfigureAwait(false);
                    WriteVpgsNotFound(filter, outbox);
                });
                return;
            }

            List<string> identifiers = ValidTaskIdentifiers(TaskIdentifier);
            RunWorkerWritingErrors((outbox, cancellation) => ReadTasksAsync(identifiers, NamesToLookUp(null), outbox, cancellation));
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

        /// <summary>Every request of the plan for every session; the reads of one session share what they have written when their answers may overlap.</summary>
        private List<TaskListRead> ReadsOf(TaskQueryPlan plan, NamedEntities named, VpgFilter? filter)
        {
            var reads = new List<TaskListRead>();
            foreach (ZvmSession session in _sessions)
            {
                SeenTasks? seen = plan.MayRepeat ? new SeenTasks() : null;
                foreach (TaskQuery query in plan.Queries)
                {
                    reads.Add(new NamedTaskRead(session, query, seen, named, filter));
                }
            }

            return reads;
        }

        private void WriteVpgsNotFound(VpgFilter? filter, PipelineOutbox outbox)
        {
            foreach (string value in filter?.NotFound() ?? new string[0])
            {
                string servers = string.Join(", ", _sessions.Select(session => session.Server));
                outbox.Error(ErrorRecords.From(new ZvmException(
                    ErrorIds.VpgNotFound,
                    ZvmErrorCategory.ObjectNotFound,
                    $"No VPG of {servers} has the name or identifier '{value}', and no task listed names it.",
                    value)));
            }
        }

        private async Task ReadTasksAsync(List<string> identifiers, NamedEntities named, PipelineOutbox outbox, CancellationToken cancellation)
        {
            foreach (string identifier in identifiers)
            {
                TaskLookup found = await TaskLocator.FindAsync(_sessions, identifier, outbox, cancellation).ConfigureAwait(false);
                if (found.Task != null)
                {
                    if (named != NamedEntities.None)
                    {
                        await TaskNamer.Begin(found.Session!, named, outbox, outbox.Warning).NameAsync(found.Task).ConfigureAwait(false);
                    }

                    await outbox.OutputAsync(found.Task).ConfigureAwait(false);
                }

                foreach (ZvmException failure in found.Failures)
                {
                    outbox.Error(ErrorRecords.From(failure));
                }
            }
        }

        /// <summary>
        /// One request to one ZVM, whose tasks get their names (the look-ups start with the read
        /// and run while the ZVM answers), pass -Vpg, and are written once when a plan's requests overlap.
        /// </summary>
        private sealed class NamedTaskRead : TaskListRead
        {
            private readonly SeenTasks? _seen;
            private readonly NamedEntities _named;
            private readonly VpgFilter? _filter;
            private TaskNamer? _namer;

            public NamedTaskRead(ZvmSession session, TaskQuery query, SeenTasks? seen, NamedEntities named, VpgFilter? filter)
                : base(session, query)
            {
                _seen = seen;
                _named = named;
                _filter = filter;
            }

            public override void Begin(PipelineOutbox outbox) =>
                _namer = _named == NamedEntities.None ? null : TaskNamer.Begin(Session, _named, outbox, outbox.Warning);

            public override async ValueTask<bool> AdmitAsync(ZvmTask task)
            {
                if (_seen != null && !_seen.FirstSight(task))
                {
                    return false;
                }

                if (_namer != null)
                {
                    await _namer.NameAsync(task).ConfigureAwait(false);
                }

                return _filter == null || _filter.Matches(task);
            }

            public override Task EndAsync() => _filter == null ? Task.CompletedTask : _filter.LookForVpgsAsync(_namer!);
        }
    }
}
