using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Auth;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// One ZVM's HTTP connection: sends the API's reads with the session's credentials,
    /// logs in again once when the session has expired, retries transient failures, and
    /// bounds every wait by the session's time-out. Safe to use from several runspaces at once.
    /// Bodies are read by <see cref="ResponseBody"/>, failures worded by <see cref="ResponseErrors"/>.
    /// </summary>
    internal sealed class ZvmClient : IDisposable
    {
        private readonly HttpClient _http;

        // Cancelled by Dispose (Disconnect-ZvmSession, maybe from another runspace): calls in
        // flight end with ZvmSessionDisconnected, not with what a disposed HttpClient throws.
        private readonly CancellationTokenSource _closing = new CancellationTokenSource();

        /// <summary>Cancelled once the client is disposed: bodies being read stop with it.</summary>
        public CancellationToken Closing => _closing.Token;

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
        /// <param name="retryPolicy">instead of the session's (Wait-ZvmTask's polls retry in their own loop)</param>
        public async Task<T> GetAsync<T>(string relative, object target, Func<HttpResponseMessage, Task<T>> read, IZvmLog log, CancellationToken cancellation,
            RetryPolicy? retryPolicy = null)
        {
            IZvmAuthenticator authenticator = Authenticator ?? throw new InvalidOperationException("The session has not logged in.");
            RetryPolicy policy = retryPolicy ?? RetryPolicy;
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
                    if (retries == policy.MaximumRetryCount)
                    {
                        throw ResponseErrors.GaveUp(e, retries);
                    }

                    await WaitBeforeRetryAsync(++retries, policy, policy.DelayBefore(retries, null), e.Message, log, cancellation).ConfigureAwait(false);
                    continue;
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmAuthenticationFailed)
                {
                    throw ResponseErrors.ReloginRefused(Server, e, authenticator.UserName);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !loggedInAgain)
                {
                    response.Dispose();
                    log.Verbose($"{Server} answered 401: the session has expired; logging in again.");
                    refusedGeneration = generation;
                    loggedInAgain = true;
                    continue;
                }

                if (RetryPolicy.IsTransient(response.StatusCode) && retries < policy.MaximumRetryCount)
                {
                    // Its Retry-After read, the answer is let go before the wait: a wait that is
                    // cancelled must not leave one of the ZVM's connections held by it.
                    TimeSpan delay = policy.DelayBefore(++retries, response);
                    string why = $"HTTP {(int)response.StatusCode}";
                    response.Dispose();
                    await WaitBeforeRetryAsync(retries, policy, delay, why, log, cancellation).ConfigureAwait(false);
                    continue;
                }

                using (response)
                {
                    ZvmException failure = await ResponseErrors.StatusAsync(this, response, target, cancellation).ConfigureAwait(false);
                    throw response.StatusCode == HttpStatusCode.Unauthorized
                        ? ResponseErrors.SessionExpired(Server, relative, failure, target)
                        : ResponseErrors.GaveUp(failure, retries);
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

        private async Task WaitBeforeRetryAsync(int attempt, RetryPolicy policy, TimeSpan delay, string why, IZvmLog log, CancellationToken cancellation)
        {
            log.Verbose($"{Server}: {why}; retry {attempt} of {policy.MaximumRetryCount} in {delay.TotalSeconds:0.#} s.");
            await Task.Delay(delay, cancellation).ConfigureAwait(false);
        }

        public void Dispose()
        {
            _closing.Cancel();
            _http.Dispose();
        }
    }
}
