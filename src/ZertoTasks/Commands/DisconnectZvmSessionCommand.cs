using System.Management.Automation;
using ZertoTasks.Infrastructure;

namespace ZertoTasks.Commands
{
    /// <summary>Ends sessions on their ZVMs and forgets them.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ZvmSession")]
    [OutputType(typeof(void))]
    public sealed class DisconnectZvmSessionCommand : ZvmCmdlet
    {
        /// <summary>The sessions to end; the default session when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public ZvmSession[]? Session { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (ZvmSession session in GivenOrDefaultSessions(Session))
            {
                SessionRegistry.Current.Remove(session);
                if (!session.IsConnected)
                {
                    continue;
                }

                RunWorkerWritingErrors(session.DisconnectAsync);
                WriteVerbose($"Disconnected from {session.Server}.");
            }
        }
    }
}
