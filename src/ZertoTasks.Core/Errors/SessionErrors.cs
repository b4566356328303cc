using System;

namespace ZertoTasks
{
    /// <summary>Errors about a session: its login refused, or its use after Disconnect-ZvmSession ended it.</summary>
    internal static class SessionErrors
    {
        /// <summary>A ZVM refused a login; <paramref name="otherwise"/> says why when the server did not.</summary>
        public static ZvmException LoginRefused(string server, string userName, ZvmException failure, string otherwise) => new ZvmException(
            ErrorIds.ZvmAuthenticationFailed,
            ZvmErrorCategory.AuthenticationError,
            $"{server} refused the login of '{userName}': {failure.ServerMessage ?? otherwise}",
            server,
            failure.ServerMessage) { StatusCode = failure.StatusCode };

        /// <summary>The session was ended by Disconnect-ZvmSession, before this call or while it ran.</summary>
        public static ZvmException Disconnected(string server, object target, Exception? inner = null) => new ZvmException(
            ErrorIds.ZvmSessionDisconnected,
            ZvmErrorCategory.InvalidOperation,
            $"The session with {server} has been disconnected (Disconnect-ZvmSession). Run Connect-ZvmSession to open a new one.",
            target,
            innerException: inner);
    }
}
