using ZertoTasks.Transport;

namespace ZertoTasks.Completion
{
    /// <summary>Completion offers what it has; errors and chatter belong to the command the user runs.</summary>
    internal sealed class SilentLog : IZvmLog
    {
        public static readonly SilentLog Instance = new SilentLog();

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }
    }
}
