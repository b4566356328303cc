using System;
using System.Threading;
using System.Threading.Tasks;

namespace ZvmSimulator.Live;

/// <summary>
/// --live-every N: a new task every N seconds that runs 5 to 60 seconds, may wait for input or
/// pause on the way, and ends Completed (mostly) or Failed. For benchmarks and the demo.
/// </summary>
internal static class LiveGenerator
{
    private static readonly string[] Types = ["FailOverTest", "StopFailOverTest", "UpdateProtectionGroup", "InsertTaggedCP", "InitFullSync", "Move"];

    public static void Start(LiveTasks live, TimeSpan every, int seed, CancellationToken stopping) =>
        _ = Task.Run(async () =>
        {
            var random = new Random(seed);
            using var timer = new PeriodicTimer(every);
            try
            {
                while (await timer.WaitForNextTickAsync(stopping))
                {
                    var runs = 5000 + random.Next(55_000);
                    var middle = random.Next(10) switch { 0 => 2, 1 => 3, _ => 1 };
                    var failed = random.Next(5) == 0;
                    live.Add(Types[random.Next(Types.Length)], 0,
                    [
                        new LiveStep(runs / 3.0, 1, 30),
                        new LiveStep(runs / 2.0, middle, 50),
                        new LiveStep(runs * 2 / 3.0, 1, 70),
                        new LiveStep(runs, failed ? 4 : 6, failed ? 70 : 100, failed ? "Simulated failure." : ""),
                    ], null);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
}
