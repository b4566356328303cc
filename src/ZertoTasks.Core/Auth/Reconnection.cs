using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// Connect-ZvmSession's answer for one server when sessions are open: the open session of
    /// the same login (<see cref="SameLogin"/>), once one call shows that it still works (which
    /// logs in again with the held credential when the ZVM has forgotten it), or else a new
    /// login, which then replaces the open session of the same user as it always did.
    /// </summary>
    internal static class Reconnection
    {
        // The cheapest authenticated read of both kinds, and one that every user of the module may make.
        private const string CheckPath = "v1/tasks/types";

        // The check is sent once, as a logon is: a ZVM that does not answer is said at once.
        private static readonly RetryPolicy SentOnce = new RetryPolicy(0, System.TimeSpan.Zero);

        /// <summary>The open session of the same login, still working; else a new session.</summary>
        public static async Task<Connection> ConnectAsync(ConnectOptions asked, IEnumerable<ZvmSession> open, IZvmLog log, CancellationToken cancellation)
        {
            if (SameLogin.Held(open, asked) is ZvmSession held)
            {
                string connectedAt = held.ConnectedAt.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
                string? difference = SameLogin.Difference(held, asked);
                if (difference == null)
                {
                    if (await StillWorksAsync(held, log, cancellation).ConfigureAwait(false))
                    {
                        log.Verbose($"Reusing the open session to {held.Server} as {held.UserName} (connected at {connectedAt}): the same user and settings.");
                        return new Connection(held, reused: true);
                    }

                    log.Verbose($"Replacing the open session to {held.Server} as {held.UserName} (connected at {connectedAt}): it no longer works.");
                }
                else
                {
                    log.Verbose($"Replacing the open session to {held.Server} as {held.UserName} (connected at {connectedAt}): {difference}.");
                }
            }

            return new Connection(await ZvmConnector.ConnectAsync(asked, log, cancellation).ConfigureAwait(false), reused: false);
        }

        /// <summary>
        /// One read through the session. A 401 makes the client log in again with the held
        /// credential (a refresh token first, on an appliance) and read again, so a session the
        /// ZVM has forgotten comes back. False when the ZVM refuses it even so, or when it was
        /// disconnected meanwhile: a new login is then made. A ZVM that cannot be asked is an error,
        /// and the open session stays as it is.
        /// </summary>
        private static async Task<bool> StillWorksAsync(ZvmSession held, IZvmLog log, CancellationToken cancellation)
        {
            ZvmClient client = held.Client;
            try
            {
                await client.GetAsync(CheckPath, client.Server, async response =>
                {
                    using (response)
                    {
                        return await ResponseBody.ReadSmallAsync(response, client, cancellation).ConfigureAwait(false);
                    }
                }, log, cancellation, SentOnce).ConfigureAwait(false);
                return true;
            }
            catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmAuthenticationFailed || e.ErrorId == ErrorIds.ZvmSessionExpired || e.ErrorId == ErrorIds.ZvmSessionDisconnected)
            {
                log.Verbose($"The open session to {held.Server} as {held.UserName} no longer works: {e.Message}");
                return false;
            }
            catch (ZvmException e) when (e.StatusCode == 403 || e.StatusCode == 404)
            {
                // The ZVM answered the session's call and did not refuse the session (that is 401).
                return true;
            }
            catch (ZvmException e)
            {
                throw new ZvmException(
                    e.ErrorId,
                    e.Category,
                    $"Could not check the open session to {held.Server} as {held.UserName}, which is kept as it is: {e.Message}",
                    e.Target,
                    e.ServerMessage,
                    e) { StatusCode = e.StatusCode };
            }
        }
    }

    /// <summary>A session Connect-ZvmSession writes, and whether it is the open one given back.</summary>
    internal sealed class Connection
    {
        public Connection(ZvmSession session, bool reused)
        {
            Session = session;
            Reused = reused;
        }

        public ZvmSession Session { get; }

        /// <summary>The open session of the same login, not a new one.</summary>
        public bool Reused { get; }
    }
}
