using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// -Newest: keeps every task back, in <see cref="NewestTasks"/> (shared by all the ZVMs of a
    /// listing), to be written newest first once all have been read.
    /// </summary>
    internal sealed class KeepNewest : TaskStage
    {
        private readonly NewestTasks _newest;

        public KeepNewest(NewestTasks newest) => _newest = newest;

        public override ValueTask<bool> PassAsync(ZvmTask task)
        {
            _newest.Offer(task);
            return new ValueTask<bool>(false);
        }
    }
}
