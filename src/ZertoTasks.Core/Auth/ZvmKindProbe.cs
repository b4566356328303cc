using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;
using ZertoTasks.Transport;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// Tells a ZVM from any other server without a credential: a ZVM Appliance publishes its
    /// Keycloak realm (GET /auth/realms/zerto/.well-known/openid-configuration answers JSON
    /// naming the realm), and a Windows ZVM answers its login POST /v1/session/add, sent
    /// without credentials, with 401 and a Basic challenge or its {"Message": ...} body.
    /// A port that answers otherwise (404, an HTML page, a 401 whose challenges name other
    /// schemes but not Basic, as any IIS site with Windows login does) is not sent the user's password.
    /// </summary>
    internal static class ZvmKindProbe
    {
        internal const string RealmDiscoveryPath = "auth/realms/zerto/.well-known/openid-configuration";
        private const string RealmName = "/realms/zerto";
        private const string WindowsLoginPath = "v1/session/add";

        /// <summary>The question each kind is asked, as errors name it.</summary>
        public static string Question(ZvmKind kind) => kind == ZvmKind.Windows
            ? "the Windows login (POST /" + WindowsLoginPath + ")"
            : "the appliance's Keycloak realm (GET /" + RealmDiscoveryPath + ")";

        /// <summary>
        /// Asks the port about <paramref name="first"/>, then about the other kind, until it
        /// answers like one. Transport failures end the questions: they are the report's Failure.
        /// </summary>
        public static async Task<PortReport> AskAsync(ZvmClient client, ZvmKind first, IZvmLog log, CancellationToken cancellation)
        {
            var answers = new List<string>();
            foreach (ZvmKind kind in new[] { first, first == ZvmKind.Windows ? ZvmKind.Appliance : ZvmKind.Windows })
            {
                string? answer;
                try
                {
                    answer = kind == ZvmKind.Windows
                        ? await AskWindowsAsync(client, log, cancellation).ConfigureAwait(false)
                        : await AskApplianceAsync(client, log, cancellation).ConfigureAwait(false);
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmUnreachable || e.ErrorId == ErrorIds.ZvmCertificateUntrusted)
                {
                    return new PortReport(client.Server, null, answers, e);
                }

                if (answer == null)
                {
                    log.Verbose($"{client.Server} answers {Question(kind)} like a {Name(kind)}.");
                    return new PortReport(client.Server, kind, answers);
                }

                answers.Add($"{answer} to {Question(kind)}");
            }

            return new PortReport(client.Server, null, answers);
        }

        public static string Name(ZvmKind kind) => kind == ZvmKind.Windows ? "Windows ZVM" : "ZVM Appliance";

        /// <returns>null if the port answered like a Windows ZVM, else what it answered</returns>
        private static async Task<string?> AskWindowsAsync(ZvmClient client, IZvmLog log, CancellationToken cancellation)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, client.Resolve(WindowsLoginPath));
            log.Verbose($"POST {request.RequestUri} without credentials, to see whether it is a Windows ZVM.");
            using HttpResponseMessage response = await client.SendOnceAsync(request, log, cancellation).ConfigureAwait(false);
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != HttpStatusCode.Unauthorized || ErrorBodyReader.IsHtml(mediaType))
            {
                return Status(response);
            }

            // The login takes Basic credentials: a server that challenges only for others (Negotiate,
            // NTLM) is no Windows ZVM, whatever its body says.
            List<string> schemes = response.Headers.WwwAuthenticate.Select(challenge => challenge.Scheme).ToList();
            bool basic = schemes.Any(scheme => string.Equals(scheme, "Basic", StringComparison.OrdinalIgnoreCase));
            if (!basic && schemes.Count > 0)
            {
                return $"{Status(response)} asking for {string.Join(" or ", schemes)} but not Basic";
            }

            byte[] body = await ResponseBody.ReadSmallAsync(response, client, cancellation, 64 * 1024).ConfigureAwait(false);
            return basic || (SmallJson.TryReadString(body, "Message") ?? SmallJson.TryReadString(body, "message")) != null ? null : Status(response) + " without a Basic challenge";
        }

        /// <returns>null if the port published the appliance's realm, else what it answered</returns>
        private static async Task<string?> AskApplianceAsync(ZvmClient client, IZvmLog log, CancellationToken cancellation)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, client.Resolve(RealmDiscoveryPath));
            log.Verbose($"GET {request.RequestUri}, to see whether it is a ZVM Appliance.");
            using HttpResponseMessage response = await client.SendOnceAsync(request, log, cancellation).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || ErrorBodyReader.IsHtml(response.Content.Headers.ContentType?.MediaType))
            {
                return Status(response);
            }

            byte[] body = await ResponseBody.ReadSmallAsync(response, client, cancellation, 64 * 1024).ConfigureAwait(false);
            string? issuer = SmallJson.TryReadString(body, "issuer");
            return issuer != null && issuer.TrimEnd('/').EndsWith(RealmName, StringComparison.OrdinalIgnoreCase)
                ? null
                : Status(response) + (issuer == null ? " without a realm's JSON" : $" naming the realm {issuer}");
        }

        private static string Status(HttpResponseMessage response)
        {
            string html = ErrorBodyReader.IsHtml(response.Content.Headers.ContentType?.MediaType) ? " with an HTML page" : string.Empty;
            return $"{(int)response.StatusCode} ({response.ReasonPhrase}){html}";
        }
    }
}
