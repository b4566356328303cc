using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ZvmSimulator;

/// <summary>Stops the simulator when whoever started it is gone, so no test run leaves one behind.</summary>
internal static class ExitWatchers
{
    public static void Start(SimulatorOptions options, Action stop, CancellationToken stopping)
    {
        if (!options.IgnoreStdin)
        {
            // A dead parent closes our stdin; Console.In then reads null.
            new Thread(() =>
            {
                while (Console.In.ReadLine() is not null)
                {
                }
                stop();
            }) { IsBackground = true, Name = "stdin watcher" }.Start();
        }
        if (options.ParentPid is int pid)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    while (IsRunning(pid))
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), stopping);
                    }
                    stop();
                }
                catch (OperationCanceledException)
                {
                    // Stopping for another reason.
                }
            });
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
