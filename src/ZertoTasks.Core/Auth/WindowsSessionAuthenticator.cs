using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// The Windows ZVM login: POST /v1/session/add with Basic auth answers with the session
    /// token in the x-zerto-session header, which every later call carries. The session ends
    /// after 30 idle minutes; a 401 then makes the client log in again with the kept credential.
    /// </summary>
    internal sealed class WindowsSessionAuthenticator : IZvmAuthenticator
    {
        internal const string SessionHeader = "x-zerto-session";

        private readonly ZvmClient _client;
        private readonly NetworkCredential _credential;
        private readonly ZvmAuthenticationMethod _method;
        private readonly SessionRenewal<string> _token = new SessionRenewal<string>();

        public WindowsSessionAuthenticator(ZvmClient client, NetworkCredential credential, ZvmAuthenticationMethod method)
        {
            _client = client;
            _credential = credential;
            _method = method;
        }

        public string UserName => _credential.UserName;

        public async Task LoginAsync(IZvmLog log, CancellationToken cancellation)
        {
            using HttpResponseMessage response = await SendLoginAsync(log, cancellation).ConfigureAwait(false);
            await AcceptLoginAsync(response, cancellation).ConfigureAwait(false);
        }

        private Task<HttpResponseMessage> SendLoginAsync(IZvmLog log, CancellationToken cancellation)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, _client.Resolve("v1/session/add"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicValue());
            if (_method == ZvmAuthenticationMethod.Hypervisor)
            {
                request.Content = new StringContent("{\"AuthenticationMethod\":1}", Encoding.UTF8, "application/json");
            }

            log.Verbose($"POST {request.RequestUri} ({_method} authentication as {UserName})");
            return _client.SendOnceAsync(request, log, cancellation);
        }

        private async Task AcceptLoginAsync(HttpResponseMessage response, CancellationToken cancellation)
        {
            if (response.IsSuccessStatusCode && response.Headers.TryGetValues(SessionHeader, out var values))
            {
                foreach (string token in values)
                {
                    _token.Set(token);
                    return;
                }
            }

            ZvmException failure = await ResponseErrors.StatusAsync(_client, response, _client.Server, cancellation).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw SessionErrors.LoginRefused(_client.Server, UserName, failure, "wrong user name or password",
                    SessionErrors.LoginAdvice(ZvmKind.Windows, UserName, _method, clientCredential: false));
            }

            if (response.IsSuccessStatusCode)
            {
                throw new ZvmException(
                    ErrorIds.ZvmResponseInvalid,
                    ZvmErrorCategory.InvalidData,
                    $"{_client.Server} accepted the login but sent no {SessionHeader} header: it does not answer like a Windows ZVM.",
                    _client.Server);
            }

            throw failure;
        }

        public Task<int> AuthorizeAsync(HttpRequestMessage request, IZvmLog log, CancellationToken cancellation)
        {
            SessionRenewal<string>.Held held = _token.Now;
            string token = held.Credential ?? throw Disconnected();
            request.Headers.TryAddWithoutValidation(SessionHeader, token);
            return Task.FromResult(held.Generation);
        }

        public Task RenewAsync(int refused, IZvmLog log, CancellationToken cancellation) =>
            _token.RenewAsync(refused, () => LoginAsync(log, cancellation), cancellation);

        public async Task LogoutAsync(IZvmLog log, CancellationToken cancellation)
        {
            string? token = _token.Current;
            _token.Clear();
            if (token == null)
            {
                return;
            }

            var request = new HttpRequestMessage(HttpMethod.Delete, _client.Resolve("v1/session"));
            request.Headers.TryAddWithoutValidation(SessionHeader, token);
            log.Verbose($"DELETE {request.RequestUri}");
            using HttpResponseMessage response = await _client.SendOnceAsync(request, log, cancellation).ConfigureAwait(false);
        }

        private string BasicValue()
        {
            using SecureString password = _credential.SecurePassword;
            return SecretEncoding.BasicCredentials(_credential.UserName, password);
        }

        private ZvmException Disconnected() => SessionErrors.Disconnected(_client.Server, _client.Server);
    }
}
