namespace ZertoTasks
{
    /// <summary>The error for using a session after Disconnect-ZvmSession ended it.</summary>
    internal static class SessionErrors
    {
        public static ZvmException Disconnected(string server, object target) => new ZvmException(
            ErrorIds.NoZvmSession,
            ZvmErrorCategory.InvalidOperation,
            $"The session with {server} was disconnected. Run Connect-ZvmSession.",
            target);
    }
}
