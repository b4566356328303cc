using System;
using System.Runtime.InteropServices;

namespace ZvmSimulator;

/// <summary>
/// --new-session, for the try-out (build.ps1 -Task Simulator): on Linux and macOS the simulator
/// leaves the session of the terminal it was started from (setsid), so that terminal's Ctrl+C
/// (SIGINT), Ctrl+Z and hang-up, which go to its foreground process group, never reach it. Called
/// first thing, before the simulator prints that it listens. On Windows it does nothing: there the
/// launcher gives the simulator a console of its own, which is what keeps the user's Ctrl+C away.
/// </summary>
internal static class NewSession
{
    public static void Enter()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        if (setsid() == -1)
        {
            // EPERM: already a process group leader (a shell's background job), which the terminal's
            // Ctrl+C does not reach either unless the job is brought to the foreground.
            Console.Error.WriteLine($"ZvmSimulator: --new-session: setsid failed (errno {Marshal.GetLastPInvokeError()}); staying in this process group.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int setsid();
}
