using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Hosting;

namespace ZertoTasks.Listing
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
        private int _zvmsDone;
        private long _tasks;

        public FleetProgress(int zvms) => _zvms = zvms;

        /// <summary>A task was read (any thread).</summary>
        public void TaskRead() => Interlocked.Increment(ref _tasks);

        /// <summary>A ZVM's reading has ended, well or not (any thread).</summary>
        public void ZvmDone() => Interlocked.Increment(ref _zvmsDone);

        /// <summary>Shows the bar while <paramref name="reading"/> runs, then completes it if it was shown; ends as the reading does.</summary>
        public async Task ShowWhileAsync(Task reading, PipelineOutbox outbox, CancellationToken cancellation)
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
                    outbox.Progress(Record(ProgressRecordType.Processing));
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
                    outbox.Progress(Record(ProgressRecordType.Completed));
                }
            }
        }

        private ProgressRecord Record(ProgressRecordType type)
        {
            int done = Volatile.Read(ref _zvmsDone);
            return new ProgressRecord(ActivityId, $"Reading the tasks of {_zvms} ZVMs", $"{done} of {_zvms} ZVMs done, {Interlocked.Read(ref _tasks):N0} tasks so far")
            {
                PercentComplete = done * 100 / _zvms,
                RecordType = type,
            };
        }
    }
}
