using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Auth;
using ZertoTasks.Json;

namespace ZertoTasks.Http
{
    /// <summary>
    /// One ZVM's HTTP connection: sends the API's reads with the session's credentials,
    /// logs in again once when the session has expired, retries transient failures, and
    /// bounds every wait by the session's time-out. Safe to use from several runspaces at once.
    /// </summary>
    internal sealed class ZvmClient : IDisposable
    {
        private const int MaxErrorBodyBytes = 64 * 1024;

        private readonly HttpClient _http;

        // Cancelled by Dispose (Disconnect-ZvmSession, maybe from another runspace): calls in
        // flight end with ZvmSessionDisconnected, not with what a disposed HttpClient throws.
        private readonly CancellationTokenSource _closing = new CancellationTokenSource();

        public ZvmClient(Uri baseUri, bool skipCertificateCheck, TimeSpan timeout, RetryPolicy retryPolicy)
        {
            BaseUri = baseUri;
            Server = $"{baseUri.Host}:{baseUri.Port}";
            Timeout = timeout;
            RetryPolicy = retryPolicy;
            _http = new HttpClient(HttpHandlerFactory.Create(skipCertificateCheck)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        public Uri BaseUri { get; }

        /// <summary>host:port, as errors and task objects name the ZVM.</summary>
        public string Server { get; }

        public TimeSpan Timeout { get; }

        public RetryPolicy RetryPolicy { get; }

        /// <summary>Set once the login has succeeded.</summary>
        public IZvmAuthenticator? Authenticator { get; set; }

        public Uri Resolve(string relative) => new Uri(BaseUri, relative);

        /// <summary>
        /// GETs an API path with the session's credentials and hands a success answer to
        /// <paramref name="read"/>, which owns it from then on. A failed send or read, a time-out
        /// and 429/502/503/504 are tried again as the retry policy allows (reads are idempotent);
        /// a 401 logs in again once. Anything else is a <see cref="ZvmException"/>.
        /// </summary>
        public async Task<T> GetAsync<T>(string relative, object target, Func<HttpResponseMessage, Task<T>> read, IZvmLog log, CancellationToken cancellation)
        {
            IZvmAuthenticator authenticator = Authenticator ?? throw new InvalidOperationException("The session has not logged in.");
            Uri uri = Resolve(relative);
            int retries = 0;
            int? refusedGeneration = null;
            bool loggedInAgain = false;
            while (true)
            {
                HttpResponseMessage response;
                int generation;
                try
                {
                    // Renewing here, inside the try, lets a ZVM that is still starting up be waited for.
                    if (refusedGeneration is int refused)
                    {
                        await authenticator.RenewAsync(refused, log, cancellation).ConfigureAwait(false);
                        refusedGeneration = null;
                    }

                    var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    generation = await authenticator.AuthorizeAsync(request, log, cancellation).ConfigureAwait(false);
                    log.Verbose($"GET {uri}");
                    response = await SendOnceAsync(request, log, cancellation).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return await ReadOrDisposeAsync(response, read).ConfigureAwait(false);
                    }
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmUnreachable)
                {
                    if (retries == RetryPolicy.MaximumRetryCount)
                    {
                        throw GaveUp(e, retries);
                    }

                    await WaitBeforeRetryAsync(++retries, null, e.Message, log, cancellation).ConfigureAwait(false);
                    continue;
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmAuthenticationFailed)
                {
                    throw ReloginRefused(e, authenticator.UserName);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !loggedInAgain)
                {
                    response.Dispose();
                    log.Verbose($"{Server} answered 401: the session has expired; logging in again.");
                    refusedGeneration = generation;
                    loggedInAgain = true;
                    continue;
                }

                if (RetryPolicy.IsTransient(response.StatusCode) && retries < RetryPolicy.MaximumRetryCount)
                {
                    await WaitBeforeRetryAsync(++retries, response, $"HTTP {(int)response.StatusCode}", log, cancellation).ConfigureAwait(false);
                    response.Dispose();
                    continue;
                }

                using (response)
                {
                    ZvmException failure = await StatusErrorAsync(response, target, cancellation).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.Unauthorized)
                    {
                        throw new ZvmException(
                            ErrorIds.ZvmSessionExpired,
                            ZvmErrorCategory.AuthenticationError,
                            $"{Server} ended the session and still refused GET /{relative} after logging in again ({failure.ServerMessage ?? "401 Unauthorized"}). Run Connect-ZvmSession.",
                            target,
                            failure.ServerMessage) { StatusCode = 401 };
                    }

                    throw GaveUp(failure, retries);
                }
            }
        }

        /// <summary>Sends one request, once, within the time-out. Any HTTP status comes back; transport failures are ZvmExceptions.</summary>
        public async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, IZvmLog log, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _closing.Token);
            timeout.CancelAfter(Timeout);
            var started = DateTime.UtcNow;
            try
            {
                HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                log.Debug($"{request.Method} {request.RequestUri?.AbsolutePath} answered {(int)response.StatusCode} in {(DateTime.UtcNow - started).TotalMilliseconds:0} ms");
                return response;
            }
            catch (Exception e) when (_closing.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
                throw SessionErrors.Disconnected(Server, Server, e);
            }
            catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
            {
                throw TransportErrors.TimedOut(Server, Timeout, e);
            }
            catch (Exception e) when (TransportErrors.IsTransport(e) && !cancellation.IsCancellationRequested)
            {
                throw TransportErrors.Failed(Server, e);
            }
            finally
            {
                request.Dispose();
            }
        }

        /// <summary>Reads a small body whole (an error, the type list, a token), within the time-out.</summary>
        public async Task<byte[]> ReadSmallBodyAsync(HttpResponseMessage response, CancellationToken cancellation, int limit = 16 * 1024 * 1024)
        {
            using Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var collected = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while (collected.Length < limit && (read = ReadBody(body, buffer, 0, buffer.Length, cancellation)) > 0)
            {
                collected.Write(buffer, 0, read);
            }

            return collected.ToArray();
        }

        /// <summary>
        /// One read from a response body, bounded by the time-out and stopped by the cancellation
        /// token. Disposing the stream on cancellation also stops reads that ignore the token.
        /// </summary>
        public int ReadBody(Stream body, byte[] buffer, int offset, int count, CancellationToken cancellation)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _closing.Token);
            timeout.CancelAfter(Timeout);
            using CancellationTokenRegistration abort = timeout.Token.Register(body.Dispose);
            try
            {
                return body.ReadAsync(buffer, offset, count, timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException("The read was stopped.", e, cancellation);
            }
            catch (Exception e) when (_closing.IsCancellationRequested)
            {
                throw SessionErrors.Disconnected(Server, Server, e);
            }
            catch (Exception e) when (timeout.IsCancellationRequested)
            {
                throw TransportErrors.TimedOut(Server, Timeout, e);
            }
            catch (Exception e) when (TransportErrors.IsTransport(e))
            {
                throw new ZvmException(
                    ErrorIds.ZvmUnreachable,
                    ZvmErrorCategory.ConnectionError,
                    $"The connection to {Server} was lost while its answer was read: {e.Message}",
                    Server,
                    innerException: e);
            }
        }

        /// <summary>A proxy in front of the ZVM can answer 200 with its own HTML page: that is no API answer.</summary>
        public async Task RefuseHtmlAsync(HttpResponseMessage response, CancellationToken cancellation)
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (ErrorBodyReader.IsHtml(mediaType))
            {
                byte[] page = await ReadSmallBodyAsync(response, cancellation, MaxErrorBodyBytes).ConfigureAwait(false);
                string? said = ErrorBodyReader.ServerMessage(page, mediaType);
                throw new ZvmException(
                    ErrorIds.ZvmResponseInvalid,
                    ZvmErrorCategory.InvalidData,
                    $"{Server} answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} with {said ?? "an empty HTML page"} instead of JSON: is a proxy in the way?",
                    Server,
                    said);
            }
        }

        /// <summary>The error for a failed status, carrying what the server said.</summary>
        public async Task<ZvmException> StatusErrorAsync(HttpResponseMessage response, object target, CancellationToken cancellation)
        {
            string? serverMessage = null;
            try
            {
                byte[] body = await ReadSmallBodyAsync(response, cancellation, MaxErrorBodyBytes).ConfigureAwait(false);
                serverMessage = ErrorBodyReader.ServerMessage(body, response.Content.Headers.ContentType?.MediaType);
            }
            catch (ZvmException)
            {
                // The status alone still says what failed.
            }

            int status = (int)response.StatusCode;
            string said = serverMessage == null ? string.Empty : $": {serverMessage}";
            string answered = $"{Server} answered {status} ({response.ReasonPhrase}) to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}{said}";
            return ServerSaid.LicenceIsMissing(serverMessage)
                ? new ZvmException(
                    ErrorIds.ZvmLicenseInvalid,
                    ZvmErrorCategory.PermissionDenied,
                    $"{answered.TrimEnd('.', ' ')}. The ZVM's licence does not allow this call: check the licence in the Zerto user interface.",
                    target,
                    serverMessage) { StatusCode = status }
                : new ZvmException(ErrorIds.ZvmRequestFailed, CategoryOf(response.StatusCode), answered, target, serverMessage) { StatusCode = status };
        }

        private static async Task<T> ReadOrDisposeAsync<T>(HttpResponseMessage response, Func<HttpResponseMessage, Task<T>> read)
        {
            try
            {
                return await read(response).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>The last failure, saying that it was not the first try.</summary>
        private static ZvmException GaveUp(ZvmException last, int retries) => retries == 0
            ? last
            : new ZvmException(
                last.ErrorId,
                last.Category,
                $"{last.Message.TrimEnd('.')}; gave up after {retries} {(retries == 1 ? "retry" : "retries")}.",
                last.Target,
                last.ServerMessage,
                last.InnerException) { StatusCode = last.StatusCode };

        // The credential was good once; only the user can mend it now (a changed password, a disabled account).
        private ZvmException ReloginRefused(ZvmException refusal, string userName) => new ZvmException(
            ErrorIds.ZvmAuthenticationFailed,
            ZvmErrorCategory.AuthenticationError,
            $"{Server} ended the session and refused to log '{userName}' in again ({refusal.ServerMessage ?? "wrong credentials"}). Run Connect-ZvmSession.",
            Server,
            refusal.ServerMessage,
            refusal) { StatusCode = refusal.StatusCode };

        private async Task WaitBeforeRetryAsync(int attempt, HttpResponseMessage? response, string why, IZvmLog log, CancellationToken cancellation)
        {
            TimeSpan delay = RetryPolicy.DelayBefore(attempt, response);
            log.Verbose($"{Server}: {why}; retry {attempt} of {RetryPolicy.MaximumRetryCount} in {delay.TotalSeconds:0.#} s.");
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
        }

        private static ZvmErrorCategory CategoryOf(HttpStatusCode status) => status switch
        {
            HttpStatusCode.NotFound => ZvmErrorCategory.ObjectNotFound,
            HttpStatusCode.BadRequest => ZvmErrorCategory.InvalidArgument,
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ZvmErrorCategory.AuthenticationError,
            _ when RetryPolicy.IsTransient(status) => ZvmErrorCategory.ResourceUnavailable,
            _ => ZvmErrorCategory.InvalidResult,
        };

        public void Dispose()
        {
            _closing.Cancel();
            _http.Dispose();
        }
    }
}
