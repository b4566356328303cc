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

        public TaskLookup(IReadOnlyList<ZvmException> failures, IReadOnlyList<ZvmSession>? failedSessions = null)
        {
            Failures = failures;
            FailedSessions = failedSessions ?? new ZvmSession[0];
        }

        public ZvmTask? Task { get; }

        public ZvmSession? Session { get; }

        /// <summary>Empty when found; else the sessions' failures, or one TaskNotFound if every session answered that.</summary>
        public IReadOnlyList<ZvmException> Failures { get; }

        /// <summary>The session of each of <see cref="Failures"/> but a TaskNotFound, in the same order.</summary>
        public IReadOnlyList<ZvmSession> FailedSessions { get; } = new ZvmSession[0];
    }

    /// <summary>Finds a task by id in whichever of several sessions has it (Get-ZvmTask -Session $a, $b -TaskIdentifier).</summary>
    internal static class TaskById
    {
        public static async Task<TaskLookup> FindAsync(IReadOnlyList<ZvmSession> sessions, string identifier, IZvmLog log, CancellationToken cancellation,
            RetryPolicy? retryPolicy = null)
        {
            ZvmException? notFound = null;
            var notFoundOn = new List<string>();
            var failures = new List<ZvmException>();
            var failedSessions = new List<ZvmSession>();
            foreach (ZvmSession session in sessions)
            {
                try
                {
                    return new TaskLookup(await TaskEndpoints.GetTaskAsync(session, identifier, log, cancellation, retryPolicy).ConfigureAwait(false), session);
                }
                catch (ZvmException e) when (e.ErrorId == ErrorIds.TaskNotFound)
                {
                    notFound ??= e;
                    notFoundOn.Add(session.Server);
                }
                catch (ZvmException e)
                {
                    // The task may be on the ZVM that failed: its failure says more than "not found".
                    failures.Add(e);
                    failedSessions.Add(session);
                }
            }

            if (failures.Count > 0)
            {
                return new TaskLookup(failures, failedSessions);
            }

            // Every ZVM asked answered "no such task": one error that names them all.
            ZvmException none = notFoundOn.Count == 1 ? notFound! : TaskErrors.NotFound(notFoundOn, identifier, notFound!.InnerException as ZvmException ?? notFound);
            return new TaskLookup(new List<ZvmException> { none });
        }
    }
}
