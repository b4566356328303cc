using System;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Auth;
using ZertoTasks.Transport;

namespace ZertoTasks
{
    /// <summary>
    /// A logged-in connection to one ZVM. Its public properties say where and who; the
    /// password and tokens live only inside the internal client, so neither ToString,
    /// format views, ConvertTo-Json nor Export-Clixml can show them.
    /// </summary>
    public sealed class ZvmSession
    {
        internal ZvmSession(ZvmClient client, ZvmKind kind, bool skipCertificateCheck)
        {
            Client = client;
            Kind = kind;
            SkipCertificateCheck = skipCertificateCheck;
            ConnectedAt = DateTime.Now;
        }

        /// <summary>host:port of the ZVM.</summary>
        public string Server => Client.Server;

        /// <summary>The URL the API is called at.</summary>
        public string BaseUri => Client.BaseUri.ToString();

        /// <summary>Windows ZVM or ZVM Appliance.</summary>
        public ZvmKind Kind { get; }

        /// <summary>The user, or the client id of a client-credentials login.</summary>
        public string UserName => Client.Authenticator?.UserName ?? string.Empty;

        /// <summary>When Connect-ZvmSession logged in, local time.</summary>
        public DateTime ConnectedAt { get; }

        /// <summary>Whether this session's connection skips certificate validation.</summary>
        public bool SkipCertificateCheck { get; }

        /// <summary>The bound on each call and each read of an answer, in seconds.</summary>
        public int TimeoutSec => (int)Client.Timeout.TotalSeconds;

        /// <summary>False once Disconnect-ZvmSession has ended it.</summary>
        public bool IsConnected { get; internal set; } = true;

        /// <summary>Whether this is the default session of the runspace that reads the property.</summary>
        public bool IsDefault => IsDefaultInCallingRunspace?.Invoke(this) ?? false;

        /// <summary>Set by the cmdlet layer, which keeps the sessions of each runspace.</summary>
        internal static Func<ZvmSession, bool>? IsDefaultInCallingRunspace { get; set; }

        internal ZvmClient Client { get; }

        /// <summary>
        /// What Connect-ZvmSession was given for this session, to tell whether connecting again
        /// asks for the same login (<see cref="SameLogin"/>). Its credential is the one the
        /// authenticator keeps anyway: no further copy of the secret.
        /// </summary>
        internal ConnectOptions? Settings { get; init; }

        /// <summary>
        /// Ends the session on its ZVM and closes its connection. The session counts as ended
        /// even if the ZVM cannot be told (it then expires there by itself); a second call does nothing.
        /// </summary>
        internal async Task DisconnectAsync(IZvmLog log, CancellationToken cancellation)
        {
            if (!IsConnected)
            {
                return;
            }

            IsConnected = false;
            try
            {
                if (Client.Authenticator is IZvmAuthenticator authenticator)
                {
                    await authenticator.LogoutAsync(log, cancellation).ConfigureAwait(false);
                }
            }
            finally
            {
                Client.Dispose();
            }
        }

        /// <inheritdoc/>
        public override string ToString() => $"{Server} ({Kind}, {UserName})";
    }
}
