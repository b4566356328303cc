using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Auth
{
    /// <summary>How a session proves itself to its ZVM: a Windows ZVM session or a Keycloak token.</summary>
    internal interface IZvmAuthenticator
    {
        /// <summary>Who logged in: the user name, or the client id of a client-credentials login.</summary>
        string UserName { get; }

        /// <summary>Logs in; a wrong credential is ZvmAuthenticationFailed with the server's message.</summary>
        Task LoginAsync(IZvmLog log, CancellationToken cancellation);

        /// <summary>
        /// Puts the credential header on a request, first renewing a token about to expire.
        /// Returns the generation of the credential used, for <see cref="RenewAsync"/>.
        /// </summary>
        Task<int> AuthorizeAsync(HttpRequestMessage request, IZvmLog log, CancellationToken cancellation);

        /// <summary>
        /// Gets a fresh credential after the server refused generation <paramref name="refused"/>;
        /// does nothing if another caller already renewed it.
        /// </summary>
        Task RenewAsync(int refused, IZvmLog log, CancellationToken cancellation);

        /// <summary>Ends the session on the server.</summary>
        Task LogoutAsync(IZvmLog log, CancellationToken cancellation);
    }
}
