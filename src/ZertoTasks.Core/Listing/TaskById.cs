using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Listing
{
    /// <summary>What looking for a task by id found: the task and its session, or why not.</summary>
    internal sealed class TaskLookup
    {
        public TaskLookup(ZvmTask task, ZvmSession session)
        {
            Task = task;
            Session = session;
            Failures = new ZvmException[0];
        }

        public TaskLookup(IReadOnlyList<ZvmException> failures) => Failures = failures;

        public ZvmTask? Task { get; }

        public ZvmSession? Session { get; }

        /// <summary>Empty when found; else the sessions' failures, or one TaskNotFound if every session answered that.</summary>
        public IReadOnlyList<ZvmException> Failures { get; }
    }

    /// <summary>Finds a task by id in whichever of several sessions has it (Get-ZvmTask -Session $a, $b -TaskIdentifier).</summary>
    internal static class TaskById
    {
        public static async Task<TaskLookup> FindAsync(IReadOnlyList<ZvmSession> sessions, string identifier, IZvmLog log, CancellationToken cancellation)
        {
            ZvmException? notFound = null;
            var failures = new List<ZvmException>();
            foreach (ZvmSession session in sessions)
            {
                try
                {
                    return new TaskLookup(await TaskEndpoints.GetTaskAsync(session, identifier, log, cancellation).ConfigureAwait(false), session);
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.TaskNotFound)
                {
                    notFound ??= e;
                }
                catch (ZvmException e)
                {
                    // The task may be on the ZVM that failed: its failure says more than "not found".
                    failures.Add(e);
                }
            }

            return new TaskLookup(failures.Count > 0 ? failures : new List<ZvmException> { notFound! });
        }
    }
}
