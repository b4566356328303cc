using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Drops a task already seen in an earlier answer of the same ZVM: when one task can be in
    /// two answers (see <see cref="TaskQueryPlan.MayRepeat"/>), it is written once.
    /// </summary>
    internal sealed class DropDuplicates : TaskStage
    {
        private readonly HashSet<string> _ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public override ValueTask<bool> PassAsync(ZvmTask task) => new ValueTask<bool>(_ids.Add(task.TaskIdentifier));
    }
}
