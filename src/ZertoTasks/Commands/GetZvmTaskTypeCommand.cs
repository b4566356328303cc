using System.Management.Automation;
using ZertoTasks.Http;
using ZertoTasks.Infrastructure;

namespace ZertoTasks.Commands
{
    /// <summary>Lists the task types a ZVM knows, with their numbers where the module knows them.</summary>
    [Cmdlet(VerbsCommon.Get, "ZvmTaskType")]
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

            foreach (ZvmSession session in ResolveSessions())
            {
                RunWorkerWritingErrors(async (outbox, cancellation) =>
                {
                    foreach (ZvmTaskTypeInfo type in await ZvmTaskApi.GetTaskTypesAsync(session, outbox, cancellation).ConfigureAwait(false))
                    {
                        if (names.Matches(type.Name))
                        {
                            await outbox.OutputAsync(type).ConfigureAwait(false);
                        }
                    }
                });
            }
        }
    }
}
