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

            throw NoZvm(options, PortsToTry(options).ToList(), reports);
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
        /// <param name="ports">the ports asked, in the order of <paramref name="reports"/></param>
        internal static ZvmException NoZvm(ConnectOptions options, List<int> ports, List<PortReport> reports)
        {
            ZvmException? untrusted = reports.Select(r => r.Failure).FirstOrDefault(f => f?.ErrorId == ErrorIds.ZvmCertificateUntrusted);
            bool answered = reports.Any(r => r.Failure == null);
            if (untrusted != null)
            {
                return reports.Count == 1
                    ? untrusted
                    : new ZvmException(untrusted.ErrorId, untrusted.Category, Said(reports), untrusted.Target, innerException: untrusted);
            }

            if (!answered)
            {
                return Unreachable(options, ports, reports);
            }

            object target = reports.Count == 1 ? reports[0].Server : options.Endpoint.Host;
            return new ZvmException(
                ErrorIds.ZvmKindNotDetected,
                ZvmErrorCategory.InvalidResult,
                $"No ZVM answered: {Said(reports)} The credential was sent to none of them. Check -Server and -Port.",
                target);
        }

        /// <summary>What each port answered, one sentence each.</summary>
        private static string Said(List<PortReport> reports) => string.Join(" ", reports.Select(r => ErrorText.Sentence(r.Describe())));

        /// <summary>
        /// No port could be asked: a name that does not resolve is said once, whatever the ports;
        /// otherwise each port with its reason (once, when they share it), then what to check.
        /// </summary>
        private static ZvmException Unreachable(ConnectOptions options, List<int> ports, List<PortReport> reports)
        {
            ZvmException first = reports[0].Failure!;
            object target = reports.Count == 1 ? first.Target ?? reports[0].Server : options.Endpoint.Host;
            string host = options.Endpoint.Host;
            string message;
            if (reports.All(r => TransportErrors.IsNameNotFound(r.Failure!)))
            {
                message = $"The name '{host}' could not be resolved to an address ({Reason(options, first)}), so no port was asked. "
                    + "Check the spelling of -Server and that this machine's DNS knows the name, or give the ZVM's IP address.";
            }
            else
            {
                List<string> reasons = reports.Select(r => Reason(options, r.Failure!)).ToList();
                string where = reports.Count == 1
                    ? $"{reports[0].Server} could not be reached: {reasons[0]}"
                    : reasons.Distinct().Count() == 1
                        ? $"{host} could not be reached on port {string.Join(" nor on port ", ports)}: {reasons[0]}"
                        : $"{host} could not be reached on port {string.Join(" nor on port ", ports.Select((port, i) => $"{port} ({reasons[i]})"))}";
                string otherPort = options.Endpoint.Port == null
                    ? "; a ZVM that listens on another port is given with -Port"
                    : string.Empty;
                message = $"{ErrorText.Sentence(where)} Check that -Server names the ZVM and that it is running, "
                    + $"and that no firewall blocks {(ports.Count == 1 ? "the port" : "these ports")} from this machine{otherPort}.";
            }

            return new ZvmException(first.ErrorId, first.Category, message, target, innerException: first);
        }

        /// <summary>Why a port could not be asked, without the server's name: the socket's words, or the time-out.</summary>
        private static string Reason(ConnectOptions options, ZvmException failure) =>
            failure.Category == ZvmErrorCategory.OperationTimeout
                ? $"no answer within -TimeoutSec, {TransportErrors.Seconds(options.Timeout)}"
                : failure.InnerException != null ? TransportErrors.Describe(failure.InnerException).TrimEnd('.') : failure.Message.TrimEnd('.');

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
