using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// One step that a ZVM's tasks go through between reading and writing: drop duplicates,
    /// count, name, filter by VPG, keep the newest. A listing is a source and a line of stages
    /// (<see cref="ZvmListing"/>); each cmdlet composes the line it needs.
    /// </summary>
    internal abstract class TaskStage
    {
        /// <summary>As the ZVM's reading starts (in its turn, under -ThrottleLimit): start what runs beside it.</summary>
        public virtual void Start(IListingOutput output)
        {
        }

        /// <summary>Each task in turn; false drops it. It may await, and may change the task.</summary>
        public abstract ValueTask<bool> PassAsync(ZvmTask task);

        /// <summary>After the ZVM's last task, when every answer of the ZVM was read whole.</summary>
        public virtual Task EndAsync() => Task.CompletedTask;
    }
}
