using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// Logs in to a ZVM of either kind, and sends the credential only to a port whose answers,
    /// asked without it, show a ZVM of that kind (<see cref="ZvmKindProbe"/>). Without a named
    /// port it asks the appliance's port, then the Windows ZVM's (<see cref="DefaultPorts"/>),
    /// and logs in at the first that answers like a ZVM.
    /// </summary>
    internal static class ZvmConnector
    {
        public static async Task<ZvmSession> ConnectAsync(ConnectOptions options, IZvmLog log, CancellationToken cancellation)
        {
            if (options.IsClientCredential)
            {
                if (options.Kind == ZvmKind.Windows)
                {
                    throw new ZvmException(
                        ErrorIds.ClientCredentialNeedsAppliance,
                        ZvmErrorCategory.InvalidArgument,
                        "-ClientCredential logs in to a ZVM Appliance; a Windows ZVM takes -Credential. Leave out -Kind Windows, or use -Credential.",
                        ZvmKind.Windows);
                }

                options.Kind = ZvmKind.Appliance;
            }

            var reports = new List<PortReport>();
            foreach (int port in PortsToTry(options))
            {
                ZvmClient client = NewClient(options, port);
                try
                {
                    PortReport report = await ZvmKindProbe.AskAsync(client, options.Kind ?? ZvmKind.Appliance, log, cancellation).ConfigureAwait(false);
                    if (report.Kind is ZvmKind kind)
                    {
                        ThrowIfNotAsked(options, report, kind);
                        return await LoginAsync(client, kind, options, log, cancellation).ConfigureAwait(false);
                    }

                    log.Verbose(report.Describe());
                    reports.Add(report);
                }
                finally
                {
                    if (client.Authenticator == null)
                    {
                        client.Dispose();
                    }
                }
            }

            throw NoZvm(options, reports);
        }

        private static IEnumerable<int> PortsToTry(ConnectOptions options)
        {
            if (options.Endpoint.ImpliedPort is int named)
            {
                return new[] { named };
            }

            return options.Kind is ZvmKind kind
                ? new[] { DefaultPorts.Of(kind) }
                : new[] { DefaultPorts.Appliance, DefaultPorts.Windows };
        }

        /// <summary>A ZVM of the other kind than -Kind (or -ClientCredential) asked for: say which, and what to pass.</summary>
        private static void ThrowIfNotAsked(ConnectOptions options, PortReport report, ZvmKind found)
        {
            if (options.Kind is not ZvmKind asked || asked == found)
            {
                return;
            }

            string answered = $"{report.Server} answered {report.Answers[0]}, and answers like a {ZvmKindProbe.Name(found)}";
            if (options.IsClientCredential)
            {
                throw new ZvmException(
                    ErrorIds.ClientCredentialNeedsAppliance,
                    ZvmErrorCategory.InvalidArgument,
                    $"{answered}: -ClientCredential logs in to a ZVM Appliance only. Use -Credential.",
                    report.Server);
            }

            throw new ZvmException(
                ErrorIds.ZvmKindMismatch,
                ZvmErrorCategory.InvalidArgument,
                $"{answered}: use -Kind {found}, or leave out -Kind.",
                report.Server);
        }

        /// <summary>
        /// No port answered like a ZVM. One error names what each answered; its id is that of the
        /// most hopeful port: one whose certificate is not trusted may be the ZVM, one that answered
        /// is a server but no ZVM, one that could not be reached says least.
        /// </summary>
        private static ZvmException NoZvm(ConnectOptions options, List<PortReport> reports)
        {
            ZvmException? untrusted = reports.Select(r => r.Failure).FirstOrDefault(f => f?.ErrorId == ErrorIds.ZvmCertificateUntrusted);
            bool answered = reports.Any(r => r.Failure == null);
            if (reports.Count == 1 && reports[0].Failure is ZvmException only)
            {
                return only;
            }

            string said = string.Join(" ", reports.Select(r => r.Describe()));
            if (untrusted != null)
            {
                return new ZvmException(untrusted.ErrorId, untrusted.Category, said, untrusted.Target, innerException: untrusted);
            }

            if (!answered)
            {
                ZvmException first = reports[0].Failure!;
                return new ZvmException(first.ErrorId, first.Category, said, options.Endpoint.Host, innerException: first);
            }

            object target = reports.Count == 1 ? reports[0].Server : options.Endpoint.Host;
            return new ZvmException(
                ErrorIds.ZvmKindNotDetected,
                ZvmErrorCategory.InvalidResult,
                $"No ZVM answered: {said} The credential was sent to none of them. Check -Server and -Port.",
                target);
        }

        private static async Task<ZvmSession> LoginAsync(ZvmClient client, ZvmKind kind, ConnectOptions options, IZvmLog log, CancellationToken cancellation)
        {
            IZvmAuthenticator authenticator = kind == ZvmKind.Windows
                ? new WindowsSessionAuthenticator(client, options.Credential, options.AuthenticationMethod)
                : new KeycloakAuthenticator(client, options.Credential, options.IsClientCredential);
            await authenticator.LoginAsync(log, cancellation).ConfigureAwait(false);
            client.Authenticator = authenticator;
            return new ZvmSession(client, kind, options.SkipCertificateCheck) { Settings = options };
        }

        private static ZvmClient NewClient(ConnectOptions options, int port) =>
            new ZvmClient(options.Endpoint.BaseUri(port), options.SkipCertificateCheck, options.Timeout, options.RetryPolicy);
    }
}
