using System.Management.Automation;
using ZertoTasks.Hosting;
using ZertoTasks.Parameters;

namespace ZertoTasks.Commands
{
    /// <summary>Ends sessions on their ZVMs and forgets them. It changes state on the server, so it honours -WhatIf and -Confirm.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "ZvmSession", SupportsShouldProcess = true,
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Disconnect-ZvmSession.md")]
    public sealed class DisconnectZvmSessionCommand : ZvmCmdlet
    {
        /// <summary>The sessions to end, or their servers' names; the default session when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        [SessionTransformation]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public ZvmSession[]? Session { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            foreach (ZvmSession session in GivenOrDefaultSessions(Session))
            {
                if (!ShouldProcess($"{session.Server} ({session.Kind}, {session.UserName})", "End the ZVM session"))
                {
                    continue;
                }

                SessionRegistry.Current.Remove(session);
                if (!session.IsConnected)
                {
                    continue;
                }

                RunWorkerWritingErrors(async (bridge, cancellation) =>
                {
                    try
                    {
                        await session.DisconnectAsync(bridge, cancellation).ConfigureAwait(false);
                    }
                    catch (ZvmException e)
                    {
                        throw SessionErrors.NotLoggedOut(session.Server, session.Kind, e);
                    }
                });
                WriteVerbose($"Disconnected from {session.Server}.");
            }
        }
    }
}
