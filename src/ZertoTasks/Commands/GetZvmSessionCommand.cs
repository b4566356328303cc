using System.Management.Automation;
using ZertoTasks.Hosting;
using ZertoTasks.Parameters;

namespace ZertoTasks.Commands
{
    /// <summary>Lists the ZVM sessions open in this runspace, the default one first; a -Server without wildcards that matches none is an ObjectNotFound error.</summary>
    [Cmdlet(VerbsCommon.Get, "ZvmSession",
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Get-ZvmSession.md")]
    [OutputType(typeof(ZvmSession))]
    public sealed class GetZvmSessionCommand : PSCmdlet
    {
        /// <summary>Only sessions whose server (host:port) matches one of these wildcard patterns.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Server { get; set; }

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            var servers = new WildcardFilter(Server);
            SessionRegistry registry = SessionRegistry.Current;
            ZvmSession? current = registry.Default;
            if (current != null && servers.Matches(current.Server))
            {
                WriteObject(current);
            }

            foreach (ZvmSession session in registry.Open)
            {
                if (!ReferenceEquals(session, current) && servers.Matches(session.Server))
                {
                    WriteObject(session);
                }
            }

            foreach (string server in servers.UnmatchedNames())
            {
                WriteError(ErrorRecords.From(new ZvmException(
                    ErrorIds.ZvmSessionNotFound,
                    ZvmErrorCategory.ObjectNotFound,
                    $"Cannot find an open ZVM session with the server '{server}'. Get-ZvmSession without -Server lists them; a server is named host:port.",
                    server)));
            }
        }
    }
}
