using System;
using System.Collections.Generic;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// The ids already written by the reads of one ZVM that may overlap (see
    /// <see cref="TaskQueryPlan.MayRepeat"/>), so that no task is written twice. Shared by
    /// reads running at once.
    /// </summary>
    internal sealed class SeenTasks
    {
        private readonly HashSet<string> _ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>True the first time a task's id is seen.</summary>
        public bool FirstSight(ZvmTask task)
        {
            lock (_ids)
            {
                return _ids.Add(task.TaskIdentifier);
            }
        }
    }
}
