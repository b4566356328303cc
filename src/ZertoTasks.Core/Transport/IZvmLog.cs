namespace ZertoTasks.Transport
{
    /// <summary>
    /// Where the core reports what it does (PowerShell's verbose and debug streams).
    /// Nothing written here may hold a password, token or client secret.
    /// </summary>
    internal interface IZvmLog
    {
        void Verbose(string message);

        void Debug(string message);
    }
}
