using System;
using System.Management.Automation;
using System.Net;
using ZertoTasks.Auth;
using ZertoTasks.Http;
using ZertoTasks.Infrastructure;

namespace ZertoTasks.Commands
{
    /// <summary>Logs in to a Windows ZVM or a ZVM Appliance and makes the session the default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "ZvmSession", DefaultParameterSetName = CredentialSet,
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Connect-ZvmSession.md")]
    [OutputType(typeof(ZvmSession))]
    public sealed class ConnectZvmSessionCommand : ZvmCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string ClientCredentialSet = "ClientCredential";

        /// <summary>A host name, address, name:port, or http(s) URL.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Server { get; set; } = string.Empty;

        /// <summary>Defaults: 9669 for a Windows ZVM, 443 for an appliance.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

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

        /// <summary>Names the kind of ZVM and skips the detection.</summary>
        [Parameter]
        [SingleEnumValue(typeof(ZvmKind))]
        public ZvmKind Kind { get; set; }

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

        /// <inheritdoc/>
        protected override void ProcessRecord()
        {
            bool isClient = ParameterSetName == ClientCredentialSet;
            PSCredential credential = isClient ? ClientCredential : Credential;
            ConnectOptions options;
            try
            {
                options = new ConnectOptions(
                    ZvmEndpoint.Parse(Server, BoundValue<int>(nameof(Port))),
                    new NetworkCredential(credential.UserName, credential.Password))
                {
                    IsClientCredential = isClient,
                    Kind = BoundValue<ZvmKind>(nameof(Kind)),
                    AuthenticationMethod = AuthenticationMethod,
                    SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                    Timeout = TimeSpan.FromSeconds(TimeoutSec),
                    RetryPolicy = new RetryPolicy(MaximumRetryCount, TimeSpan.FromSeconds(RetryIntervalSec)),
                };
            }
            catch (ZvmException e)
            {
                ThrowTerminating(e);
                return;
            }

            ZvmSession session;
            try
            {
                session = RunWorker((outbox, cancellation) => ZvmConnector.ConnectAsync(options, outbox, cancellation));
            }
            catch (ZvmException e)
            {
                ThrowTerminating(e);
                return;
            }

            SessionRegistry.Current.Add(session);
            WriteVerbose($"Connected to {session.Kind} ZVM {session.Server} as {session.UserName}; it is now the default session.");
            WriteObject(session);
        }
    }
}
