using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;

namespace ZertoTasks.Transport
{
    /// <summary>The errors for answers that are not what was asked for, in an administrator's words, with what the server said.</summary>
    internal static class ResponseErrors
    {
        private const int MaxErrorBodyBytes = 64 * 1024;

        /// <summary>A proxy in front of the ZVM can answer 200 with its own HTML page: that is no API answer.</summary>
        public static async Task RefuseHtmlAsync(ZvmClient client, HttpResponseMessage response, CancellationToken cancellation)
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (ErrorBodyReader.IsHtml(mediaType))
            {
                byte[] page = await ResponseBody.ReadSmallAsync(response, client, cancellation, MaxErrorBodyBytes).ConfigureAwait(false);
                string? said = ErrorBodyReader.ServerMessage(page, mediaType);
                throw new ZvmException(
                    ErrorIds.ZvmResponseInvalid,
                    ZvmErrorCategory.InvalidData,
                    $"{client.Server} answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} with {said ?? "an empty HTML page"} instead of JSON: is a proxy in the way?",
                    client.Server,
                    said);
            }
        }

        /// <summary>The error for a failed status, carrying what the server said.</summary>
        public static async Task<ZvmException> StatusAsync(ZvmClient client, HttpResponseMessage response, object target, CancellationToken cancellation)
        {
            string? serverMessage = null;
            try
            {
                byte[] body = await ResponseBody.ReadSmallAsync(response, client, cancellation, MaxErrorBodyBytes).ConfigureAwait(false);
                serverMessage = ErrorBodyReader.ServerMessage(body, response.Content.Headers.ContentType?.MediaType);
            }
            catch (ZvmException)
            {
                // The status alone still says what failed.
            }

            int status = (int)response.StatusCode;
            string said = serverMessage == null ? string.Empty : $": {serverMessage}";
            string answered = $"{client.Server} answered {status} ({response.ReasonPhrase}) to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}{said}";
            return ServerMessages.LicenceIsMissing(serverMessage)
                ? new ZvmException(
                    ErrorIds.ZvmLicenseInvalid,
                    ZvmErrorCategory.PermissionDenied,
                    $"{answered.TrimEnd('.', ' ')}. The ZVM's licence does not allow this call: check the licence in the Zerto user interface.",
                    target,
                    serverMessage) { StatusCode = status }
                : new ZvmException(ErrorIds.ZvmRequestFailed, CategoryOf(response.StatusCode), answered, target, serverMessage) { StatusCode = status };
        }

        /// <summary>A 401 again after logging in again: the ZVM ended the session for good.</summary>
        public static ZvmException SessionExpired(string server, string relative, ZvmException failure, object target) => new ZvmException(
            ErrorIds.ZvmSessionExpired,
            ZvmErrorCategory.AuthenticationError,
            $"{server} ended the session and still refused GET /{relative} after logging in again ({failure.ServerMessage ?? "401 Unauthorized"}). Run Connect-ZvmSession.",
            target,
            failure.ServerMessage) { StatusCode = 401 };

        /// <summary>The credential was good once; only the user can mend it now (a changed password, a disabled account).</summary>
        public static ZvmException ReloginRefused(string server, ZvmException refusal, string userName) => new ZvmException(
            ErrorIds.ZvmAuthenticationFailed,
            ZvmErrorCategory.AuthenticationError,
            $"{server} ended the session and refused to log '{userName}' in again ({refusal.ServerMessage ?? "wrong credentials"}): "
            + "the password may have changed since Connect-ZvmSession, or the account been locked or disabled. Run Connect-ZvmSession with the current password.",
            server,
            refusal.ServerMessage,
            refusal) { StatusCode = refusal.StatusCode };

        /// <summary>The last failure, saying that it was not the first try.</summary>
        public static ZvmException GaveUp(ZvmException last, int retries) => retries == 0
            ? last
            : new ZvmException(
                last.ErrorId,
                last.Category,
                $"{last.Message.TrimEnd('.')}; gave up after {retries} {(retries == 1 ? "retry" : "retries")}.",
                last.Target,
                last.ServerMessage,
                last.InnerException) { StatusCode = last.StatusCode };

        private static ZvmErrorCategory CategoryOf(HttpStatusCode status) => status switch
        {
            HttpStatusCode.NotFound => ZvmErrorCategory.ObjectNotFound,
            HttpStatusCode.BadRequest => ZvmErrorCategory.InvalidArgument,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ZvmErrorCategory.AuthenticationError,
            _ when RetryPolicy.IsTransient(status) => ZvmErrorCategory.ResourceUnavailable,
            _ => ZvmErrorCategory.InvalidResult,
        };
    }
}
