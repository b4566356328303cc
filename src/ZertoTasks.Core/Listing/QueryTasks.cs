using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;
using ZertoTasks.Transport;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// The first stage of a listing: the tasks of one GET /v1/tasks, read as they arrive, less
    /// those the query filters on this side (<see cref="TaskQuery.Keeps"/>).
    /// </summary>
    internal sealed class QueryTasks : ITaskSource
    {
        private readonly ZvmSession _session;
        private readonly TaskQuery _query;
        private readonly CancellationToken _cancellation;
        private readonly Action<HttpResponseMessage>? _answered;
        private IListingOutput? _output;
        private Task<TaskListReader>? _opening;
        private TaskListReader? _reader;
        private bool _ended;

        /// <param name="answered">sees the answer's headers before its body is read (the watch reads the ZVM's clock there)</param>
        public QueryTasks(ZvmSession session, TaskQuery query, CancellationToken cancellation, Action<HttpResponseMessage>? answered = null)
        {
            _session = session;
            _query = query;
            _cancellation = cancellation;
            _answered = answered;
        }

        public void Start(IListingOutput output)
        {
            _output = output;
            _opening = TaskEndpoints.OpenTaskListAsync(_session, _query, output, _cancellation, _answered);
        }

        public ValueTask<ZvmTask?> ReadNextAsync()
        {
            if (_reader == null || _ended)
            {
                return ReadSlowAsync(null);
            }

            // The hot path: most tasks are parsed already, and pass the query.
            ValueTask<ZvmTask?> next;
            try
            {
                next = _reader.ReadNextAsync();
            }
            catch (ZvmException e) when (_reader.SkippedOne(e))
            {
                _output?.WriteError(e);
                return ReadSlowAsync(null);
            }

            if (next.IsCompletedSuccessfully && (next.Result is not ZvmTask task || _query.Keeps(task)))
            {
                return next.Result == null ? EndAsync() : next;
            }

            return ReadSlowAsync(next);
        }

        /// <param name="pending">the read already asked of the reader, if any</param>
        private async ValueTask<ZvmTask?> ReadSlowAsync(ValueTask<ZvmTask?>? pending)
        {
            if (_ended)
            {
                return null;
            }

            try
            {
                _reader ??= await (_opening ?? throw new InvalidOperationException("Start was not called.")).ConfigureAwait(false);
                while (true)
                {
                    ZvmTask? task;
                    try
                    {
                        task = await (pending ?? _reader.ReadNextAsync()).ConfigureAwait(false);
                    }
                    catch (ZvmException e) when (_reader.SkippedOne(e))
                    {
                        // One task that could not be read costs that task: its error, and the list goes on.
                        _output?.WriteError(e);
                        continue;
                    }
                    finally
                    {
                        pending = null;
                    }

                    if (task == null)
                    {
                        break;
                    }

                    if (_query.Keeps(task))
                    {
                        return task;
                    }
                }
            }
            catch (Exception e) when (e is not ZvmException && !(e is OperationCanceledException && _cancellation.IsCancellationRequested))
            {
                // A body that cannot be read for a reason of its own (a corrupt gzip stream, say).
                End();
                throw WholeResponse.Invalid(_session.Server, Request, "a list of tasks", $"a body that could not be read ({e.Message})", e);
            }
            catch
            {
                End();
                throw;
            }

            return await EndAsync().ConfigureAwait(false);
        }

        private string Request => "GET /" + _query.ToRelativeUri();

        private ValueTask<ZvmTask?> EndAsync()
        {
            if (!_ended && _reader != null)
            {
                _output?.Verbose($"{_session.Server} sent {_reader.TasksRead} task(s) for {Request}.");
            }

            End();
            return default;
        }

        private void End()
        {
            _ended = true;
            Dispose();
        }

        public void Dispose()
        {
            if (_reader != null)
            {
                _reader.Dispose();
            }
            else if (_opening != null)
            {
                // Never awaited (the listing stopped first): close the answer if it comes, and
                // observe its failure if it fails, so that nothing faults unobserved.
                _opening.ContinueWith(
                    opened =>
                    {
                        if (opened.Status == TaskStatus.RanToCompletion)
                        {
                            opened.Result.Dispose();
                        }

                        return opened.Exception;
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            _opening = null;
        }
    }
}
