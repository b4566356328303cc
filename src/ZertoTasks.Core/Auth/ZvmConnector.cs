using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Http;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// Logs in to a ZVM of either kind. Without a named kind it asks POST /v1/session/add:
    /// a Windows ZVM answers it (200 or 401), an appliance answers 404 and is then logged in
    /// through Keycloak. Without a named port it tries the appliance's 443, then the Windows 9669.
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

            if (options.Kind is ZvmKind kind)
            {
                int port = options.Endpoint.ImpliedPort ?? DefaultPort(kind);
                ZvmClient client = NewClient(options, port);
                return await LoginAsync(client, kind, options, log, cancellation).ConfigureAwait(false);
            }

            return await DetectAndLoginAsync(options, log, cancellation).ConfigureAwait(false);
        }

        private static async Task<ZvmSession> DetectAndLoginAsync(ConnectOptions options, IZvmLog log, CancellationToken cancellation)
        {
            var ports = options.Endpoint.ImpliedPort is int named
                ? new List<int> { named }
                : new List<int> { ZvmEndpoint.ApplianceDefaultPort, ZvmEndpoint.WindowsDefaultPort };
            for (int i = 0; ; i++)
            {
                ZvmClient client = NewClient(options, ports[i]);
                var windows = new WindowsSessionAuthenticator(client, options.Credential, options.AuthenticationMethod);
                HttpResponseMessage answer;
                try
                {
                    answer = await windows.SendLoginAsync(log, cancellation).ConfigureAwait(false);
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmUnreachable && i + 1 < ports.Count)
                {
                    log.Verbose($"{client.Server} did not answer ({e.Message}); trying port {ports[i + 1]}.");
                    client.Dispose();
                    continue;
                }
                catch
                {
                    client.Dispose();
                    throw;
                }

                using (answer)
                {
                    try
                    {
                        if (answer.StatusCode == HttpStatusCode.NotFound)
                        {
                            log.Verbose($"{client.Server} has no /v1/session/add: it is a ZVM Appliance.");
                            return await LoginAsync(client, ZvmKind.Appliance, options, log, cancellation).ConfigureAwait(false);
                        }

                        log.Verbose($"{client.Server} answered /v1/session/add: it is a Windows ZVM.");
                        await windows.AcceptLoginAsync(answer, cancellation).ConfigureAwait(false);
                        client.Authenticator = windows;
                        return new ZvmSession(client, ZvmKind.Windows, options.SkipCertificateCheck);
                    }
                    catch
                    {
                        client.Dispose();
                        throw;
                    }
                }
            }
        }

        private static async Task<ZvmSession> LoginAsync(ZvmClient client, ZvmKind kind, ConnectOptions options, IZvmLog log, CancellationToken cancellation)
        {
            IZvmAuthenticator authenticator = kind == ZvmKind.Windows
                ? new WindowsSessionAuthenticator(client, options.Credential, options.AuthenticationMethod)
                : new KeycloakAuthenticator(client, options.Credential, options.IsClientCredential);
            try
            {
                await authenticator.LoginAsync(log, cancellation).ConfigureAwait(false);
            }
            catch (ZvmException e) when (kind == ZvmKind.Appliance && e.StatusCode == 404 && options.Kind == null)
            {
                client.Dispose();
                throw new ZvmException(
                    ErrorIds.ZvmKindNotDetected,
                    ZvmErrorCategory.InvalidResult,
                    $"{client.Server} answers neither like a Windows ZVM (/v1/session/add) nor like a ZVM Appliance (Keycloak's token endpoint: {e.ServerMessage ?? "404 Not Found"}). Check -Server and -Port, or name the kind with -Kind.",
                    client.Server,
                    e.ServerMessage,
                    e);
            }
            catch
            {
                client.Dispose();
                throw;
            }

            client.Authenticator = authenticator;
            return new ZvmSession(client, kind, options.SkipCertificateCheck);
        }

        private static ZvmClient NewClient(ConnectOptions options, int port) =>
            new ZvmClient(options.Endpoint.BaseUri(port), options.SkipCertificateCheck, options.Timeout, options.RetryPolicy);

        private static int DefaultPort(ZvmKind kind) =>
            kind == ZvmKind.Windows ? ZvmEndpoint.WindowsDefaultPort : ZvmEndpoint.ApplianceDefaultPort;
    }
}
