using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Auth;
using ZertoTasks.Hosting;
using ZertoTasks.Parameters;
using ZertoTasks.Transport;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// Logs in to Windows ZVMs or ZVM Appliances, all at once, and makes the last one the
    /// default session. Servers can come from the pipeline (Import-Csv), by property name.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "ZvmSession", DefaultParameterSetName = CredentialSet,
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Connect-ZvmSession.md")]
    [OutputType(typeof(ZvmSession))]
    public sealed class ConnectZvmSessionCommand : ZvmCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string ClientCredentialSet = "ClientCredential";

        private readonly List<ConnectOptions> _pending = new List<ConnectOptions>();

        /// <summary>
        /// Host names, addresses, name:port, or http(s) URLs. A piped object gives its Server
        /// property, or one of the aliases (ServerColumns); one with none of them is refused.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias(ServerColumns.ComputerName, ServerColumns.HostName, ServerColumns.DnsHostName, ServerColumns.Fqdn, ServerColumns.Zvm, ServerColumns.ZvmServer)]
        [ValidateNotNullOrEmpty]
        [ServerRecord]
        public string[] Server { get; set; } = new string[0];

        // What Port and Kind hold when not given (their defaults, which PowerShell restores
        // before each piped record) and when given a value that is not valid; see BlankIsNotGiven.
        private const int PortNotGiven = 0;
        private const int PortInvalid = int.MinValue;
        private const int KindNotGiven = -1;
        private const int KindInvalid = -2;

        /// <summary>Defaults: 9669 for a Windows ZVM, 443 for an appliance. Blank (an empty CSV cell) is not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [BlankIsNotGiven(typeof(int), PortNotGiven, PortInvalid)]
        public int Port { get; set; } = PortNotGiven;

        /// <summary>A ZVM user.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>A Keycloak client: user name = client id, password = client secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientCredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential ClientCredential { get; set; } = PSCredential.Empty;

        /// <summary>Names the kind of ZVM and skips the detection. Blank (an empty CSV cell) is not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SingleEnumValue(typeof(ZvmKind))]
        [BlankIsNotGiven(typeof(ZvmKind), KindNotGiven, KindInvalid)]
        public ZvmKind Kind { get; set; } = (ZvmKind)KindNotGiven;

        /// <summary>How a Windows ZVM checks the credential.</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [SingleEnumValue(typeof(ZvmAuthenticationMethod))]
        public ZvmAuthenticationMethod AuthenticationMethod { get; set; } = ZvmAuthenticationMethod.Windows;

        /// <summary>Skips certificate validation for this session's connection only.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Bounds each call and each read of an answer.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>How many times a transient failure of a read is tried again.</summary>
        [Parameter]
        [ValidateRange(0, 10)]
        public int MaximumRetryCount { get; set; } = 3;

        /// <summary>The wait before the first retry; it doubles for each further one, unless the server sends Retry-After.</summary>
        [Parameter]
        [ValidateRange(0, 60)]
        public int RetryIntervalSec { get; set; } = 2;

        // One server named with -Server keeps a terminating error, as before several could be.
        private bool IsSingleServer => !MyInvocation.ExpectingInput && Server.Length == 1;

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            bool isClient = ParameterSetName == ClientCredentialSet;
            PSCredential credential = isClient ? ClientCredential : Credential;
            foreach (string server in Server)
            {
                if (ServerRecordAttribute.RefusedInput(server) is object record)
                {
                    Fail(ServerRecordAttribute.Missing(record));
                    continue;
                }

                try
                {
                    _pending.Add(new ConnectOptions(
                        ZvmEndpoint.Parse(server, GivenPort(server)),
                        new NetworkCredential(credential.UserName, credential.Password))
                    {
                        IsClientCredential = isClient,
                        Kind = GivenKind(server),
                        AuthenticationMethod = AuthenticationMethod,
                        SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                        Timeout = TimeSpan.FromSeconds(TimeoutSec),
                        RetryPolicy = new RetryPolicy(MaximumRetryCount, TimeSpan.FromSeconds(RetryIntervalSec)),
                    });
                }
                catch (ZvmException e)
                {
                    // Refused before any server is called.
                    Fail(e);
                }
            }
        }

        /// <summary>This record's port, null when not given; refuses one that is not a number, naming the server.</summary>
        private int? GivenPort(string server) =>
            Port == PortNotGiven ? null
            : Port == PortInvalid ? throw InvalidEntry(server, $"The Port given for '{server}' is not a number from 1 to 65535; leave it out, or the cell empty, for the kind's default port.")
            : Port;

        /// <summary>This record's kind, null when not given; refuses one that is not a kind, naming the server.</summary>
        private ZvmKind? GivenKind(string server) =>
            Kind == (ZvmKind)KindNotGiven ? null
            : Kind == (ZvmKind)KindInvalid ? throw InvalidEntry(server, $"The Kind given for '{server}' is not one of: {string.Join(", ", Enum.GetNames(typeof(ZvmKind)))}; leave it out, or the cell empty, to detect the kind.")
            : Kind;

        private static ZvmException InvalidEntry(string server, string message) =>
            new ZvmException(ErrorIds.InvalidServer, ZvmErrorCategory.InvalidArgument, message, server);

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            // Sessions are added here, as each connects: the workers have no runspace of their own.
            SessionRegistry registry = SessionRegistry.Current;
            IReadOnlyList<ZvmSession> open = registry.Open;
            if (IsSingleServer)
            {
                ZvmSession session;
                try
                {
                    session = RunWorker(async (bridge, cancellation) =>
                    {
                        Connection connected = await Reconnection.ConnectAsync(_pending[0], open, bridge, cancellation).ConfigureAwait(false);
                        await LogOutReplacedAsync(Register(registry, connected, bridge), bridge, cancellation).ConfigureAwait(false);
                        return connected.Session;
                    });
                }
                catch (ZvmException e)
                {
                    ThrowTerminating(e);
                    return;
                }

                WriteObject(session);
                return;
            }

            RunWorkerWritingErrors((bridge, cancellation) => ConnectAllAsync(registry, open, bridge, cancellation));
        }

        /// <summary>
        /// Connects every server at once, then adds and writes the sessions in the order the
        /// servers were given (so the last one given is the default), each failure as its own error.
        /// The sessions they replace are logged out meanwhile, all at once.
        /// </summary>
        private async Task ConnectAllAsync(SessionRegistry registry, IReadOnlyList<ZvmSession> open, PipelineBridge bridge, CancellationToken cancellation)
        {
            var connections = new List<Task<Connection>>();
            foreach (ConnectOptions options in LastOfEachServer(bridge))
            {
                connections.Add(Reconnection.ConnectAsync(options, open, bridge, cancellation));
            }

            var loggingOut = new List<Task>();
            foreach (Task<Connection> connecting in connections)
            {
                try
                {
                    Connection connection = await connecting.ConfigureAwait(false);
                    loggingOut.Add(LogOutReplacedAsync(Register(registry, connection, bridge), bridge, cancellation));
                    await bridge.WriteAsync(connection.Session).ConfigureAwait(false);
                }
                catch (ZvmException e)
                {
                    bridge.Error(ErrorRecords.From(e));
                }
            }

            await Task.WhenAll(loggingOut).ConfigureAwait(false);
        }

        /// <summary>
        /// The servers to connect, each once: a server given twice (a CSV row repeated) would log
        /// in twice, and the second session would replace, and log out, the first one written.
        /// The last time a server is given counts, as the last server given becomes the default.
        /// </summary>
        private List<ConnectOptions> LastOfEachServer(PipelineBridge bridge)
        {
            var once = new List<ConnectOptions>();
            for (int i = 0; i < _pending.Count; i++)
            {
                ConnectOptions options = _pending[i];
                if (_pending.FindIndex(i + 1, later => later.Endpoint.SameServerAs(options.Endpoint)) < 0)
                {
                    once.Add(options);
                }
                else
                {
                    bridge.Verbose($"{options.Endpoint.Host} is given more than once: it is connected once, with what it is given last.");
                }
            }

            return once;
        }

        /// <summary>
        /// Adds a new session to the runspace's, or makes the open one given back the default;
        /// returns the open session of the same user that a new one replaces, if any.
        /// </summary>
        private static ZvmSession? Register(SessionRegistry registry, Connection connection, PipelineBridge bridge)
        {
            ZvmSession session = connection.Session;
            ZvmSession? replaced = registry.Add(session);
            if (connection.Reused)
            {
                bridge.Verbose($"The open session to {session.Server} as {session.UserName} is now the default session.");
                return null;
            }

            string replacing = replaced == null ? string.Empty : $" It replaces the session of {replaced.ConnectedAt:HH:mm:ss}, which is logged out.";
            bridge.Verbose($"Connected to {session.Kind} ZVM {session.Server} as {session.UserName}; it is now the default session.{replacing}");
            return replaced;
        }

        /// <summary>
        /// Ends a replaced session on its ZVM, as Disconnect-ZvmSession does, so that connecting
        /// again leaves no session open there. Best effort: the new session is what was asked
        /// for, so a failure is a verbose line, and the old session ends when the ZVM expires it.
        /// </summary>
        private static async Task LogOutReplacedAsync(ZvmSession? replaced, PipelineBridge bridge, CancellationToken cancellation)
        {
            if (replaced == null)
            {
                return;
            }

            try
            {
                await replaced.DisconnectAsync(bridge, cancellation).ConfigureAwait(false);
                bridge.Verbose($"Logged out the replaced session of {replaced.Server} ({replaced.ConnectedAt:HH:mm:ss}).");
            }
            catch (ZvmException e)
            {
                bridge.Verbose($"The replaced session of {replaced.Server} ({replaced.ConnectedAt:HH:mm:ss}) could not be logged out; the ZVM ends it when it expires. {e.Message}");
            }
        }

        private void Fail(ZvmException e)
        {
            if (IsSingleServer)
            {
                ThrowTerminating(e);
                return;
            }

            WriteError(ErrorRecords.From(e));
        }
    }
}
