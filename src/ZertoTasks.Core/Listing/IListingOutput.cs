using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Where a listing puts what it produces: objects, errors and log lines, kept in the order
    /// they are given. The module's pipeline bridge is the implementation; the listing knows
    /// nothing of PowerShell.
    /// </summary>
    internal interface IListingOutput : IZvmLog
    {
        /// <summary>
        /// Queues objects for the pipeline; waits, without holding a thread, while the pipeline is
        /// far behind. The list is copied: the caller may reuse it once this completes.
        /// </summary>
        ValueTask WriteAsync(IReadOnlyList<object> objects);

        /// <summary>Queues one object, as <see cref="WriteAsync(IReadOnlyList{object})"/> does several.</summary>
        ValueTask WriteAsync(object value);

        /// <summary>A non-terminating error.</summary>
        void WriteError(ZvmException error);

        /// <summary>
        /// A warning if <paramref name="isFirst"/>, asked as the pipeline writes it, says so; else
        /// a verbose line. A pipeline that stops before writing it asks nothing, so the warning
        /// is left to a later run.
        /// </summary>
        void WarningOnce(string message, Func<bool> isFirst);
    }
}
