using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Counts the tasks read and the ZVMs done, for a progress bar. One counter serves every ZVM
    /// of a listing, from any thread.
    /// </summary>
    internal sealed class CountTasks : TaskStage
    {
        private long _tasks;
        private int _zvmsDone;

        public long Tasks => Interlocked.Read(ref _tasks);

        public int ZvmsDone => Volatile.Read(ref _zvmsDone);

        public override ValueTask<bool> PassAsync(ZvmTask task)
        {
            Interlocked.Increment(ref _tasks);
            return new ValueTask<bool>(true);
        }

        /// <summary>A ZVM's reading has ended, well or not.</summary>
        public void ZvmDone() => Interlocked.Increment(ref _zvmsDone);
    }
}
