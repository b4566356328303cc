using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Infrastructure
{
    /// <summary>
    /// The base of every cmdlet here: a cancellation token that StopProcessing (Ctrl+C, or a
    /// downstream Select-Object -First) cancels, and a way to run network work on a worker
    /// thread while the pipeline thread writes its output, errors and verbose text as they come.
    /// </summary>
    public abstract class ZvmCmdlet : PSCmdlet, IDisposable
    {
        private static readonly TimeSpan WorkerGrace = TimeSpan.FromSeconds(2);

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool and writes what it puts in the outbox
        /// until it ends, then returns its result. A ZvmException of the work is rethrown here,
        /// on the pipeline thread. If the pipeline stops, the work is cancelled and given a
        /// moment to close its connections before this returns.
        /// </summary>
        internal T RunWorker<T>(Func<PipelineOutbox, CancellationToken, Task<T>> work)
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            using var outbox = new PipelineOutbox(run.Token);
            Task<T> worker = Task.Run(async () =>
            {
                try
                {
                    return await work(outbox, run.Token).ConfigureAwait(false);
                }
                finally
                {
                    outbox.Complete();
                }
            });

            try
            {
                outbox.Drain(this);
                return worker.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                if (!worker.IsCompleted)
                {
                    run.Cancel();
                    ((IAsyncResult)worker).AsyncWaitHandle.WaitOne(WorkerGrace);
                }
            }
        }

        /// <summary>Like <see cref="RunWorker{T}"/>, but a ZvmException becomes a non-terminating error.</summary>
        internal void RunWorkerWritingErrors(Func<PipelineOutbox, CancellationToken, Task> work)
        {
            try
            {
                RunWorker<bool>(async (outbox, cancellation) =>
                {
                    await work(outbox, cancellation).ConfigureAwait(false);
                    return true;
                });
            }
            catch (ZvmException e)
            {
                WriteError(ErrorRecords.From(e));
            }
        }

        /// <summary>The sessions given, else this runspace's default session; a terminating NoZvmSession error when there is neither.</summary>
        internal IReadOnlyList<ZvmSession> GivenOrDefaultSessions(ZvmSession[]? given)
        {
            if (given != null)
            {
                return given;
            }

            if (SessionRegistry.Current.Default is ZvmSession current)
            {
                return new[] { current };
            }

            ThrowTerminatingError(ErrorRecords.NoSession());
            return new ZvmSession[0];
        }

        /// <summary>The value of a parameter the user gave, or null when it was left out (a value type's default says nothing).</summary>
        internal T? BoundValue<T>(string parameter) where T : struct =>
            MyInvocation.BoundParameters.TryGetValue(parameter, out object? value) ? (T)value : (T?)null;

        /// <summary>Stops the cmdlet with a ZvmException as its terminating error.</summary>
        internal void ThrowTerminating(ZvmException e) => ThrowTerminatingError(ErrorRecords.From(e));

        /// <inheritdoc/>
        protected override void StopProcessing() => _stopping.Cancel();

        /// <inheritdoc/>
        public void Dispose() => _stopping.Dispose();
    }
}
