using System.Collections.Generic;
using System.Management.Automation;
using ZertoTasks.Http;
using ZertoTasks.Infrastructure;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// Lists the task types a ZVM knows, with their numbers where the module knows them; a -Name
    /// without wildcards that no ZVM knows is an ObjectNotFound error.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZvmTaskType",
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Get-ZvmTaskType.md")]
    [OutputType(typeof(ZvmTaskTypeInfo))]
    public sealed class GetZvmTaskTypeCommand : ZvmSessionCmdlet
    {
        /// <summary>Only types whose name matches one of these wildcard patterns.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var names = new WildcardFilter(Name);
            var searched = new List<string>();
            foreach (ZvmSession session in ResolveSessions())
            {
                RunWorkerWritingErrors(async (outbox, cancellation) =>
                {
                    foreach (ZvmTaskTypeInfo type in await ZvmTaskApi.GetTaskTypesAsync(session, outbox, cancellation).ConfigureAwait(false))
                    {
                        if (names.Matches(type.Name))
                        {
                            outbox.Output(type);
                        }
                    }

                    searched.Add(session.Server);
                });
            }

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
    }
}
