using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;
using ZertoTasks.Transport;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// The appliance login: Keycloak's token endpoint, by password grant (client zerto-client)
    /// or client-credentials grant. The access token is refreshed shortly before it expires;
    /// when the refresh token is gone too, it logs in again with the kept credential.
    /// </summary>
    internal sealed class KeycloakAuthenticator : IZvmAuthenticator
    {
        internal const string PasswordClientId = "zerto-client";
        private const string RealmPath = "auth/realms/zerto/protocol/openid-connect/";

        // Refresh this long before the server's expiry, so a call never leaves with a dying token.
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

        private readonly ZvmClient _client;
        private readonly NetworkCredential _credential;
        private readonly bool _clientCredentials;
        private readonly SessionRenewal<IssuedToken> _token = new SessionRenewal<IssuedToken>();

        /// <param name="clientCredentials">true: the credential is a client id and secret, not a user</param>
        public KeycloakAuthenticator(ZvmClient client, NetworkCredential credential, bool clientCredentials)
        {
            _client = client;
            _credential = credential;
            _clientCredentials = clientCredentials;
        }

        public string UserName => _credential.UserName;

        private string ClientId => _clientCredentials ? _credential.UserName : PasswordClientId;

        public async Task LoginAsync(IZvmLog log, CancellationToken cancellation)
        {
            var fields = new List<KeyValuePair<string, string>> { Pair("grant_type", _clientCredentials ? "client_credentials" : "password"), Pair("client_id", ClientId) };
            if (!_clientCredentials)
            {
                fields.Add(Pair("username", _credential.UserName));
            }

            log.Verbose($"POST {_client.Resolve(RealmPath + "token")} ({(_clientCredentials ? "client credentials" : "password")} grant for {UserName})");
            _token.Set(await RequestTokenAsync(Form(fields, _clientCredentials ? "client_secret" : "password"), log, cancellation).ConfigureAwait(false));
        }

        public async Task<int> AuthorizeAsync(HttpRequestMessage request, IZvmLog log, CancellationToken cancellation)
        {
            // The token and its generation are read as one value: a 401 to this token renews this generation.
            SessionRenewal<IssuedToken>.Held held = _token.Now;
            IssuedToken token = held.Credential ?? throw Disconnected();
            if (DateTime.UtcNow >= token.RefreshAt)
            {
                await RenewAsync(held.Generation, log, cancellation).ConfigureAwait(false);
                held = _token.Now;
                token = held.Credential ?? throw Disconnected();
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
            return held.Generation;
        }

        public Task RenewAsync(int refused, IZvmLog log, CancellationToken cancellation) =>
            _token.RenewAsync(refused, () => RefreshOrLoginAsync(log, cancellation), cancellation);

        public async Task LogoutAsync(IZvmLog log, CancellationToken cancellation)
        {
            IssuedToken? token = _token.Current;
            _token.Clear();
            if (token?.RefreshToken == null)
            {
                return;
            }

            var fields = new List<KeyValuePair<string, string>> { Pair("client_id", ClientId), Pair("refresh_token", token.RefreshToken) };
            log.Verbose($"POST {_client.Resolve(RealmPath + "logout")}");
            using HttpResponseMessage response = await PostFormAsync("logout", Form(fields, ClientSecretField), log, cancellation).ConfigureAwait(false);
        }

        private async Task RefreshOrLoginAsync(IZvmLog log, CancellationToken cancellation)
        {
            IssuedToken? token = _token.Current;
            if (token?.RefreshToken != null && DateTime.UtcNow < token.RefreshTokenExpiresAt)
            {
                var fields = new List<KeyValuePair<string, string>> { Pair("grant_type", "refresh_token"), Pair("client_id", ClientId), Pair("refresh_token", token.RefreshToken) };
                log.Verbose($"Refreshing the access token of {UserName} on {_client.Server}.");
                try
                {
                    _token.Set(await RequestTokenAsync(Form(fields, ClientSecretField), log, cancellation).ConfigureAwait(false));
                    return;
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmAuthenticationFailed)
                {
                    log.Verbose($"{_client.Server} refused the refresh ({e.ServerMessage}); logging in again.");
                }
            }

            await LoginAsync(log, cancellation).ConfigureAwait(false);
        }

        /// <summary>A client-credentials client proves itself on every call to Keycloak; the public zerto-client has no secret.</summary>
        private string? ClientSecretField => _clientCredentials ? "client_secret" : null;

        /// <summary>The form body of <paramref name="fields"/>, with the kept password or client secret last under <paramref name="secretField"/>.</summary>
        private byte[] Form(List<KeyValuePair<string, string>> fields, string? secretField)
        {
            if (secretField == null)
            {
                return SecretEncoding.Form(fields, null, null);
            }

            using SecureString secret = _credential.SecurePassword;
            return SecretEncoding.Form(fields, secretField, secret);
        }

        /// <summary>POSTs a form to Keycloak, then zeroes it: it may hold the secret.</summary>
        private async Task<HttpResponseMessage> PostFormAsync(string endpoint, byte[] form, IZvmLog log, CancellationToken cancellation)
        {
            var content = new ByteArrayContent(form);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            var request = new HttpRequestMessage(HttpMethod.Post, _client.Resolve(RealmPath + endpoint)) { Content = content };
            try
            {
                return await _client.SendOnceAsync(request, log, cancellation).ConfigureAwait(false);
            }
            finally
            {
                Array.Clear(form, 0, form.Length);
            }
        }

        private async Task<IssuedToken> RequestTokenAsync(byte[] form, IZvmLog log, CancellationToken cancellation)
        {
            using HttpResponseMessage response = await PostFormAsync("token", form, log, cancellation).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                ZvmException failure = await ResponseErrors.StatusAsync(_client, response, _client.Server, cancellation).ConfigureAwait(false);
                // Keycloak says 401 for a wrong password and 400 for a dead refresh token or unknown client.
                if (response.StatusCode == HttpStatusCode.Unauthorized || response.StatusCode == HttpStatusCode.BadRequest)
                {
                    throw SessionErrors.LoginRefused(_client.Server, UserName, failure, "wrong credentials",
                        SessionErrors.LoginAdvice(ZvmKind.Appliance, UserName, ZvmAuthenticationMethod.Windows, _clientCredentials));
                }

                throw failure;
            }

            await ResponseErrors.RefuseHtmlAsync(_client, response, cancellation).ConfigureAwait(false);
            byte[] body = await ResponseBody.ReadSmallAsync(response, _client, cancellation).ConfigureAwait(false);
            return WholeResponse.Parse(body, _client.Server, "POST /" + RealmPath + "token", "a Keycloak token",
                bytes => new IssuedToken(SmallJson.ReadToken(bytes), DateTime.UtcNow, RefreshMargin));
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);

        private ZvmException Disconnected() => SessionErrors.Disconnected(_client.Server, _client.Server);

        /// <summary>A token and when to renew it. ToString never shows the token.</summary>
        private sealed class IssuedToken
        {
            public IssuedToken(KeycloakToken token, DateTime issuedUtc, TimeSpan margin)
            {
                AccessToken = token.AccessToken;
                RefreshToken = token.RefreshToken;
                TimeSpan lifetime = TimeSpan.FromSeconds(token.ExpiresInSeconds);
                // A short-lived token is renewed at half its life rather than never.
                RefreshAt = issuedUtc + (lifetime > margin + margin ? lifetime - margin : TimeSpan.FromTicks(lifetime.Ticks / 2));
                RefreshTokenExpiresAt = token.RefreshExpiresInSeconds > 0 ? issuedUtc.AddSeconds(token.RefreshExpiresInSeconds) : DateTime.MaxValue;
            }

            public string AccessToken { get; }

            public string? RefreshToken { get; }

            public DateTime RefreshAt { get; }

            public DateTime RefreshTokenExpiresAt { get; }

            public override string ToString() => "IssuedToken";
        }
    }
}
