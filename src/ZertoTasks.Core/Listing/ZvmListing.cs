using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// The listing of one ZVM: a source of tasks and the line of stages they go through, written
    /// in batches as they come. A failed answer is its ZVM's non-terminating error, written after
    /// the tasks read before it; the other answers of the ZVM go on.
    /// </summary>
    internal sealed class ZvmListing
    {
        // Tasks written together: one hand-off to the pipeline per network read, not one per task.
        private const int Batch = 64;

        private readonly ITaskSource _source;
        private readonly IReadOnlyList<TaskStage> _stages;

        public ZvmListing(ZvmSession session, ITaskSource source, IReadOnlyList<TaskStage> stages)
        {
            Session = session;
            _source = source;
            _stages = stages;
        }

        public ZvmSession Session { get; }

        public async Task RunAsync(IListingOutput output, CancellationToken cancellation)
        {
            var batch = new List<object>(Batch);
            bool whole = true;
            try
            {
                foreach (TaskStage stage in _stages)
                {
                    stage.Start(output);
                }

                _source.Start(output);
                bool anyWritten = false;
                while (true)
                {
                    ZvmTask? task;
                    try
                    {
                        ValueTask<ZvmTask?> next = _source.ReadNextAsync();
                        if (!next.IsCompleted)
                        {
                            // The next task waits for the network: write what is parsed meanwhile.
                            await WriteAsync(batch, output).ConfigureAwait(false);
                        }

                        task = await next.ConfigureAwait(false);
                    }
                    catch (ZvmException e)
                    {
                        await WriteAsync(batch, output).ConfigureAwait(false);
                        output.WriteError(e);
                        whole = false;
                        continue;
                    }

                    if (task == null)
                    {
                        break;
                    }

                    if (await PassesAsync(task).ConfigureAwait(false))
                    {
                        batch.Add(task);

                        // The first task goes at once, for the console and Select-Object -First.
                        if (batch.Count == Batch || !anyWritten)
                        {
                            anyWritten = true;
                            await WriteAsync(batch, output).ConfigureAwait(false);
                        }
                    }
                }

                await WriteAsync(batch, output).ConfigureAwait(false);
                if (whole)
                {
                    foreach (TaskStage stage in _stages)
                    {
                        await stage.EndAsync().ConfigureAwait(false);
                    }
                }
            }
            catch (ZvmException e)
            {
                await WriteAsync(batch, output).ConfigureAwait(false);
                output.WriteError(e);
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellation.IsCancellationRequested))
            {
                // Not the module's own failure (a bug, or something the core did not foresee): the
                // tasks read so far and the other ZVMs are kept, and the error has an ErrorId.
                await WriteAsync(batch, output).ConfigureAwait(false);
                output.WriteError(WholeResponse.Invalid(Session.Server, "GET /v1/tasks", "a list of tasks", $"something that could not be read ({e.Message})", e));
            }
            finally
            {
                _source.Dispose();
            }
        }

        private ValueTask<bool> PassesAsync(ZvmTask task)
        {
            for (int i = 0; i < _stages.Count; i++)
            {
                ValueTask<bool> passes = _stages[i].PassAsync(task);
                if (!passes.IsCompletedSuccessfully)
                {
                    return PassesRestAsync(passes, task, i);
                }

                if (!passes.Result)
                {
                    return new ValueTask<bool>(false);
                }
            }

            return new ValueTask<bool>(true);
        }

        // The slow path: a stage awaits (the first tasks wait for the names).
        private async ValueTask<bool> PassesRestAsync(ValueTask<bool> pending, ZvmTask task, int stage)
        {
            if (!await pending.ConfigureAwait(false))
            {
                return false;
            }

            for (int i = stage + 1; i < _stages.Count; i++)
            {
                if (!await _stages[i].PassAsync(task).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }

        // Writes the batch and empties it for the next tasks.
        private static async ValueTask WriteAsync(List<object> batch, IListingOutput output)
        {
            if (batch.Count > 0)
            {
                await output.WriteAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }
}
