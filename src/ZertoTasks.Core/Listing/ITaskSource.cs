using System;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Tasks read one at a time: the answer to one query (<see cref="QueryTasks"/>) or several
    /// answers merged (<see cref="MergedTasks"/>). Disposing it closes what it still has open.
    /// </summary>
    internal interface ITaskSource : IDisposable
    {
        /// <summary>Sends the requests, so that a ZVM's several queries are asked at once.</summary>
        void Start(IListingOutput output);

        /// <summary>
        /// The next task, or null at the end; completes at once when the task is already parsed.
        /// A <see cref="ZvmException"/> ends one answer: the next call goes on with the other
        /// answers of the source, if any.
        /// </summary>
        ValueTask<ZvmTask?> ReadNextAsync();
    }
}
