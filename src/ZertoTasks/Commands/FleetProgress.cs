using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Hosting;
using ZertoTasks.Listing;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// The progress bar of a read of several ZVMs: how many ZVMs are done and how many tasks came
    /// so far. It appears only once the read takes longer than a moment (a quick read shows no
    /// flicker), is refreshed a few times a second, and is completed when the read ends.
    /// WriteProgress honours $ProgressPreference.
    /// </summary>
    internal sealed class FleetProgress
    {
        private const int ActivityId = 13;
        private static readonly TimeSpan Moment = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);

        private readonly int _zvms;

        public FleetProgress(int zvms) => _zvms = zvms;

        /// <summary>The stage that counts the tasks and the ZVMs done.</summary>
        public CountTasks Counts { get; } = new CountTasks();

        /// <summary>Shows the bar while <paramref name="reading"/> runs, then completes it if it was shown; ends as the reading does.</summary>
        public async Task ShowWhileAsync(Task reading, PipelineBridge bridge, CancellationToken cancellation)
        {
            var clock = Stopwatch.StartNew();
            bool shown = false;
            while (!reading.IsCompleted && !cancellation.IsCancellationRequested)
            {
                TimeSpan wait = shown ? Refresh : Moment - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.WhenAny(reading, Task.Delay(wait, cancellation)).ConfigureAwait(false);
                }

                if (!reading.IsCompleted && !cancellation.IsCancellationRequested)
                {
                    bridge.Progress(Record(ProgressRecordType.Processing));
                    shown = true;
                }
            }

            try
            {
                await reading.ConfigureAwait(false);
            }
            finally
            {
                if (shown && !cancellation.IsCancellationRequested)
                {
                    bridge.Progress(Record(ProgressRecordType.Completed));
                }
            }
        }

        private ProgressRecord Record(ProgressRecordType type)
        {
            int done = Counts.ZvmsDone;
            return new ProgressRecord(ActivityId, $"Reading the tasks of {_zvms} ZVMs", $"{done} of {_zvms} ZVMs done, {Counts.Tasks:N0} tasks so far")
            {
                PercentComplete = done * 100 / _zvms,
                RecordType = type,
            };
        }
    }
}
