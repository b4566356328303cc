using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Commands;
using ZertoTasks.Hosting;
using ZertoTasks.Json;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// One GET /v1/tasks of a listing: a session and the query to send it (a session may have
    /// several). A cmdlet that does more with the tasks of a read overrides the three steps.
    /// </summary>
    internal class TaskListRead
    {
        public TaskListRead(ZvmSession session, TaskQuery query)
        {
            Session = session;
            Query = query;
        }

        public ZvmSession Session { get; }

        public TaskQuery Query { get; }

        /// <summary>As the read starts, before its request is sent: start what should run beside it.</summary>
        public virtual void Begin(PipelineOutbox outbox)
        {
        }

        /// <summary>Each task the query keeps, before it is written: false leaves it out. It may await, and may change the task.</summary>
        public virtual ValueTask<bool> AdmitAsync(ZvmTask task) => new ValueTask<bool>(true);

        /// <summary>After the last task of a read that ended well.</summary>
        public virtual Task EndAsync() => Task.CompletedTask;
    }

    /// <summary>
    /// Reads task lists, all ZVMs at once or at most <see cref="ThrottleLimit"/> ZVMs at a time,
    /// and puts every task in the outbox as it is read. A slot belongs to a ZVM: all the reads of
    /// one session run together in its slot, so a plan of several requests never splits a ZVM
    /// across waves nor lets the limit count requests. One read's failure is its own
    /// non-terminating error, and the others go on. Each read awaits its I/O: no thread is held
    /// while a ZVM thinks, however many ZVMs are read.
    /// </summary>
    /// <remarks>
    /// What a cmdlet adds to a listing plugs in here rather than in the reading: the reads it
    /// hands over (several per session for several queries, each with its own steps:
    /// <see cref="TaskListRead.Begin"/>, <see cref="TaskListRead.AdmitAsync"/>,
    /// <see cref="TaskListRead.EndAsync"/>), <see cref="ThrottleLimit"/>, and
    /// <see cref="ZvmEnded"/> for progress.
    /// </remarks>
    internal sealed class TaskListing
    {
        // Tasks handed to the outbox together: one lock per network read, not one per task,
        // whatever the number of ZVMs contending for it.
        private const int OutputBatch = 64;

        // The reads of each session, in the order the sessions first appear.
        private readonly List<List<TaskListRead>> _readsPerZvm;

        public TaskListing(IReadOnlyList<TaskListRead> reads) => _readsPerZvm = ZvmSlots.PerSession(reads, read => read.Session);

        /// <summary>How many ZVMs (sessions) may be read at once; 0 for all.</summary>
        public int ThrottleLimit { get; set; }

        /// <summary>Runs as all the reads of a session have ended, well or not (on the work's thread: it may only put things in the outbox).</summary>
        public Action<ZvmSession>? ZvmEnded { get; set; }

        public Task RunAsync(PipelineOutbox outbox, CancellationToken cancellation) =>
            ZvmSlots.RunAsync(_readsPerZvm, ThrottleLimit, reads => ReadZvmAsync(reads, outbox, cancellation), cancellation);

        private async Task ReadZvmAsync(List<TaskListRead> reads, PipelineOutbox outbox, CancellationToken cancellation)
        {
            try
            {
                var running = new Task[reads.Count];
                for (int i = 0; i < running.Length; i++)
                {
                    running[i] = ReadAsync(reads[i], outbox, cancellation);
                }

                await Task.WhenAll(running).ConfigureAwait(false);
            }
            finally
            {
                ZvmEnded?.Invoke(reads[0].Session);
            }
        }

        private static async Task ReadAsync(TaskListRead read, PipelineOutbox outbox, CancellationToken cancellation)
        {
            var written = new List<object>(OutputBatch);
            try
            {
                read.Begin(outbox);
                using TaskListReader tasks = await TaskEndpoints.OpenTaskListAsync(read.Session, read.Query, outbox, cancellation).ConfigureAwait(false);
                bool anyWritten = false;
                while (true)
                {
                    ValueTask<ZvmTask?> next = tasks.ReadNextAsync();
                    if (!next.IsCompleted)
                    {
                        // The next task waits for the network: hand over what is parsed meanwhile.
                        await HandOverAsync(written, outbox).ConfigureAwait(false);
                    }

                    if (await next.ConfigureAwait(false) is not ZvmTask task)
                    {
                        break;
                    }

                    if (read.Query.Keeps(task) && await read.AdmitAsync(task).ConfigureAwait(false))
                    {
                        written.Add(task);

                        // The first task goes at once, for the console and Select-Object -First.
                        if (written.Count == OutputBatch || !anyWritten)
                        {
                            anyWritten = true;
                            await HandOverAsync(written, outbox).ConfigureAwait(false);
                        }
                    }
                }

                await HandOverAsync(written, outbox).ConfigureAwait(false);
                outbox.Verbose($"{read.Session.Server} sent {tasks.TasksRead} task(s) for /{read.Query.ToRelativeUri()}.");
                await read.EndAsync().ConfigureAwait(false);
            }
            catch (ZvmException e)
            {
                // What was read before the failure is written before its error.
                await HandOverAsync(written, outbox).ConfigureAwait(false);
                outbox.Error(ErrorRecords.From(e));
            }
        }

        // Puts the tasks parsed so far in the outbox, and empties the list for the next ones.
        private static async Task HandOverAsync(List<object> written, PipelineOutbox outbox)
        {
            await outbox.OutputAsync(written).ConfigureAwait(false);
            written.Clear();
        }
    }
}
