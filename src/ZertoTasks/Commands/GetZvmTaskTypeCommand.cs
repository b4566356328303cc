using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Hosting;
using ZertoTasks.Listing;
using ZertoTasks.Parameters;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// Lists the task types ZVMs know, with their numbers where the module knows them; several
    /// sessions are read at once, at most -ThrottleLimit at a time. A -Name without wildcards that
    /// no ZVM knows is an ObjectNotFound error.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZvmTaskType",
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Get-ZvmTaskType.md")]
    [OutputType(typeof(ZvmTaskTypeInfo))]
    public sealed class GetZvmTaskTypeCommand : ZvmSessionCmdlet
    {
        // The sessions of every record, read together at the end.
        private readonly List<ZvmSession> _sessions = new List<ZvmSession>();

        /// <summary>Only types whose name matches one of these wildcard patterns.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.TaskTypeCompleter))]
        public string[]? Name { get; set; }

        /// <summary>How many ZVMs are read at the same time, at most.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = GetZvmTaskCommand.DefaultThrottleLimit;

        /// <inheritdoc/>
        protected override void ProcessRecord() => ResolveSessions().ForEach(session => AddOnce(_sessions, session));

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            var names = new WildcardFilter(Name);
            var searched = new List<string>();
            RunWorkerWritingErrors((bridge, cancellation) =>
                ZvmThrottle.RunAsync(_sessions, ThrottleLimit, session => ReadAsync(session, names, searched, bridge, cancellation), cancellation));

            // A ZVM that failed has its own error; "cannot find" speaks only for those that answered.
            foreach (string name in searched.Count > 0 ? names.UnmatchedNames() : new string[0])
            {
                WriteError(ErrorRecords.From(new ZvmException(
                    ErrorIds.TaskTypeNotFound,
                    ZvmErrorCategory.ObjectNotFound,
                    $"Cannot find a task type named '{name}' on {string.Join(", ", searched)}. Get-ZvmTaskType without -Name lists them.",
                    name)));
            }
        }

        private static async Task ReadAsync(
            ZvmSession session, WildcardFilter names, List<string> searched, PipelineBridge bridge, CancellationToken cancellation)
        {
            try
            {
                foreach (ZvmTaskTypeInfo type in await TaskEndpoints.GetTaskTypesAsync(session, bridge, cancellation).ConfigureAwait(false))
                {
                    // WildcardFilter only ever marks a pattern as matched: no lock needed.
                    if (names.Matches(type.Name))
                    {
                        await bridge.WriteAsync(type).ConfigureAwait(false);
                    }
                }

                lock (searched)
                {
                    searched.Add(session.Server);
                }
            }
            catch (ZvmException e)
            {
                bridge.Error(ErrorRecords.From(e));
            }
        }
    }
}
