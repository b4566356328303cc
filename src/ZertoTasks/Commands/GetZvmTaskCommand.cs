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
    /// they are read off the wire; several sessions are read at once.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZvmTask", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(ZvmTask))]
    public sealed class GetZvmTaskCommand : ZvmSessionCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "ById";

        // The list's sessions, gathered from every record and read together at the end.
        private readonly List<ZvmSession> _listed = new List<ZvmSession>();
        private TaskQuery _query = new TaskQuery();

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

        /// <summary>Only tasks of this type.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [SingleEnumValue(typeof(ZvmTaskType))]
        public ZvmTaskType Type { get; set; }

        /// <summary>Only tasks in this state.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("State")]
        [SingleEnumValue(typeof(ZvmTaskState))]
        public ZvmTaskState Status { get; set; }

        /// <summary>Only tasks that touched one of these VPGs, by name or identifier; wildcards allowed. Applied by the module as tasks stream.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.VpgCompleter))]
        public string[]? Vpg { get; set; }

        /// <summary>No look-ups of names: the tasks' VPGs, sites and hosts carry identifiers only (VPG names are still looked up for -Vpg).</summary>
        [Parameter]
        public SwitchParameter SkipNameLookup { get; set; }

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

        /// <inheritdoc/>
        protected override void BeginProcessing()
        {
            if (ParameterSetName == ListSet)
            {
                _query = BuildQuery();
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
            RunWorkerWritingErrors((outbox, cancellation) => ReadTasksAsync(sessions, identifiers, NamesToLookUp(null), outbox, cancellation));
        }

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (ParameterSetName != ListSet || _listed.Count == 0)
            {
                return;
            }

            VpgFilter? filter = Vpg == null ? null : new VpgFilter(Vpg);
            NamedEntities named = NamesToLookUp(filter);
            RunWorkerWritingErrors(async (outbox, cancellation) =>
            {
                await ForEachSession(outbox, session => ListTasks(session, _query, named, filter, outbox, cancellation)).ConfigureAwait(false);
                WriteVpgsNotFound(filter, outbox);
            });
        }

        private NamedEntities NamesToLookUp(VpgFilter? filter) =>
            !SkipNameLookup ? NamedEntities.All : filter != null ? NamedEntities.Vpgs : NamedEntities.None;

        private TaskQuery BuildQuery()
        {
            var query = new TaskQuery
            {
                StartedBefore = BoundValue<DateTime>(nameof(StartedBefore)),
                StartedAfter = BoundValue<DateTime>(nameof(StartedAfter)),
                CompletedBefore = BoundValue<DateTime>(nameof(CompletedBefore)),
                CompletedAfter = BoundValue<DateTime>(nameof(CompletedAfter)),
                Type = BoundValue<ZvmTaskType>(nameof(Type)),
                Status = BoundValue<ZvmTaskState>(nameof(Status)),
            };
            try
            {
                query.Validate();
            }
            catch (ZvmException e)
            {
                ThrowTerminating(e);
            }

            return query;
        }

        private static void ListTasks(ZvmSession session, TaskQuery query, NamedEntities named, VpgFilter? filter, PipelineOutbox outbox, CancellationToken cancellation)
        {
            // The name look-ups start first and run while the ZVM answers the task list.
            TaskNamer? namer = named == NamedEntities.None ? null : TaskNamer.Begin(session, named, outbox, outbox.Warning);
            using TaskListStream tasks = ZvmTaskApi.OpenTaskListAsync(session, query, outbox, cancellation).GetAwaiter().GetResult();
            while (tasks.TryReadNext(out ZvmTask task))
            {
                namer?.NameAsync(task).GetAwaiter().GetResult();
                if (filter == null || filter.Matches(task))
                {
                    outbox.Output(task);
                }
            }

            outbox.Verbose($"{session.Server} sent {tasks.TasksRead} task(s).");
            filter?.LookForVpgsAsync(namer!).GetAwaiter().GetResult();
        }

        private void WriteVpgsNotFound(VpgFilter? filter, PipelineOutbox outbox)
        {
            foreach (string value in filter?.NotFound() ?? new string[0])
            {
                string servers = string.Join(", ", _listed.Select(session => session.Server));
                outbox.Error(ErrorRecords.From(new ZvmException(
                    ErrorIds.VpgNotFound,
                    ZvmErrorCategory.ObjectNotFound,
                    $"No VPG of {servers} has the name or identifier '{value}', and no task listed names it.",
                    value)));
            }
        }

        /// <summary>Runs the work for every session at once; one session's failure is its own error and the others go on.</summary>
        private Task ForEachSession(PipelineOutbox outbox, Action<ZvmSession> work)
        {
            var running = new List<Task>();
            foreach (ZvmSession session in _listed)
            {
                running.Add(Task.Run(() =>
                {
                    try
                    {
                        work(session);
                    }
                    catch (ZvmException e)
                    {
                        outbox.Error(ErrorRecords.From(e));
                    }
                }));
            }

            return Task.WhenAll(running);
        }

        private static async Task ReadTasksAsync(List<ZvmSession> sessions, List<string> identifiers, NamedEntities named, PipelineOutbox outbox, CancellationToken cancellation)
        {
            foreach (string identifier in identifiers)
            {
                TaskLookup found = await TaskLocator.FindAsync(sessions, identifier, outbox, cancellation).ConfigureAwait(false);
                if (found.Task != null)
                {
                    if (named != NamedEntities.None)
                    {
                        await TaskNamer.Begin(found.Session!, named, outbox, outbox.Warning).NameAsync(found.Task).ConfigureAwait(false);
                    }

                    outbox.Output(found.Task);
                }

                foreach (ZvmException failure in found.Failures)
                {
                    outbox.Error(ErrorRecords.From(failure));
                }
            }
        }
    }
}
