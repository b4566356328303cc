using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Http;
using ZertoTasks.Infrastructure;

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

        /// <summary>Only tasks of this type.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [SingleEnumValue(typeof(ZvmTaskType))]
        public ZvmTaskType Type { get; set; }

        /// <summary>Only tasks in this state.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Alias("State")]
        [SingleEnumValue(typeof(ZvmTaskState))]
        public ZvmTaskState Status { get; set; }

        /// <inheritdoc/>
        protected override void BeginProcessing() => _sessions = ResolveSessions();

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            if (ParameterSetName == ListSet)
            {
                TaskQuery query = BuildQuery();
                var reads = new List<TaskListRead>();
                foreach (ZvmSession session in _sessions)
                {
                    reads.Add(new TaskListRead(session, query));
                }

                RunWorkerWritingErrors(new TaskListing(reads).RunAsync);
                return;
            }

            List<string> identifiers = ValidTaskIdentifiers(TaskIdentifier);
            RunWorkerWritingErrors((outbox, cancellation) => ReadTasksAsync(identifiers, outbox, cancellation));
        }

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

        private async Task ReadTasksAsync(List<string> identifiers, PipelineOutbox outbox, CancellationToken cancellation)
        {
            foreach (string identifier in identifiers)
            {
                TaskLookup found = await TaskLocator.FindAsync(_sessions, identifier, outbox, cancellation).ConfigureAwait(false);
                if (found.Task != null)
                {
                    await outbox.OutputAsync(found.Task).ConfigureAwait(false);
                }

                foreach (ZvmException failure in found.Failures)
                {
                    outbox.Error(ErrorRecords.From(failure));
                }
            }
        }
    }
}
