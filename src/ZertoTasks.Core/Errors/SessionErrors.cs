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

        public static ZvmException Disconnected(string server, object target) => new ZvmException(
            ErrorIds.NoZvmSession,
            ZvmErrorCategory.InvalidOperation,
            $"The session with {server} was disconnected. Run Connect-ZvmSession.",
            target);
    }
}
