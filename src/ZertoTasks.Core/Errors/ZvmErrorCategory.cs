namespace ZertoTasks
{
    /// <summary>
    /// The kinds of failure the core reports. The names are those of PowerShell's
    /// ErrorCategory, so the cmdlet layer maps them by name without the core
    /// depending on System.Management.Automation.
    /// </summary>
    internal enum ZvmErrorCategory
    {
        NotSpecified,
        AuthenticationError,
        ConnectionError,
        InvalidArgument,
        InvalidOperation,
        InvalidData,
        InvalidResult,
        ObjectNotFound,
        PermissionDenied,
        OperationTimeout,
        SecurityError,
        ResourceUnavailable,
    }
}
