namespace ZertoTasks
{
    /// <summary>The stable ErrorIds, one per condition. docs/en-US/about_ZertoTasks.md lists them.</summary>
    internal static class ErrorIds
    {
        public const string NoZvmSession = nameof(NoZvmSession);
        public const string ZvmSessionDisconnected = nameof(ZvmSessionDisconnected);
        public const string ZvmSessionNotFound = nameof(ZvmSessionNotFound);
        public const string ZvmAuthenticationFailed = nameof(ZvmAuthenticationFailed);
        public const string ZvmSessionExpired = nameof(ZvmSessionExpired);
        public const string ZvmUnreachable = nameof(ZvmUnreachable);
        public const string ZvmCertificateUntrusted = nameof(ZvmCertificateUntrusted);
        public const string ZvmRequestFailed = nameof(ZvmRequestFailed);
        public const string ZvmLicenseInvalid = nameof(ZvmLicenseInvalid);
        public const string ZvmResponseInvalid = nameof(ZvmResponseInvalid);
        public const string ZvmKindNotDetected = nameof(ZvmKindNotDetected);
        public const string ZvmKindMismatch = nameof(ZvmKindMismatch);
        public const string TaskNotFound = nameof(TaskNotFound);
        public const string TaskTypeNotFound = nameof(TaskTypeNotFound);
        public const string VpgNotFound = nameof(VpgNotFound);
        public const string VpgLookupFailed = nameof(VpgLookupFailed);
        public const string InvalidTaskIdentifier = nameof(InvalidTaskIdentifier);
        public const string InvalidDateRange = nameof(InvalidDateRange);
        public const string InvalidServer = nameof(InvalidServer);
        public const string ServerPropertyMissing = nameof(ServerPropertyMissing);
        public const string ClientCredentialNeedsAppliance = nameof(ClientCredentialNeedsAppliance);
        public const string WaitTimedOut = nameof(WaitTimedOut);
        public const string TaskFailed = nameof(TaskFailed);
    }
}
