using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Hosting;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// The base of every cmdlet here: a cancellation token that StopProcessing (Ctrl+C, or a
    /// downstream Select-Object -First) cancels, and a way to run asynchronous network work
    /// while the pipeline thread writes its output, errors and verbose text as they come.
    /// </summary>
    public abstract class ZvmCmdlet : PSCmdlet, IDisposable
    {
        private static readonly TimeSpan WorkerGrace = TimeSpan.FromSeconds(2);

        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>
        /// Starts <paramref name="work"/> and writes what it puts in the bridge until it ends, then
        /// returns its result. The work awaits its I/O, so it holds no thread while it waits; this,
        /// the pipeline thread, only writes. A ZvmException of the work is rethrown here. If the
        /// pipeline stops, the work is cancelled and given a moment to close its connections.
        /// </summary>
        internal T RunWorker<T>(Func<PipelineBridge, CancellationToken, Task<T>> work)
        {
            Task<T>? worker = null;
            Run((bridge, cancellation) => worker = work(bridge, cancellation));
            // Run returns once the work has ended.
            return worker!.Result;
        }

        /// <summary>Like <see cref="RunWorker{T}"/>, but a ZvmException becomes a non-terminating error.</summary>
        internal void RunWorkerWritingErrors(Func<PipelineBridge, CancellationToken, Task> work)
        {
            try
            {
                Run(work);
            }
            catch (ZvmException e)
            {
                WriteError(ErrorRecords.From(e));
            }
        }

        private void Run(Func<PipelineBridge, CancellationToken, Task> work)
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            using var bridge = new PipelineBridge(run.Token);
            Task worker = Start(work, bridge, run.Token);
            try
            {
                bridge.Drain(this);
                // Drain returns once the bridge is complete, which the work's own end does.
                worker.GetAwaiter().GetResult();
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

        // Runs the work on this thread up to its first await, and completes the bridge when it ends.
        private static Task Start(Func<PipelineBridge, CancellationToken, Task> work, PipelineBridge bridge, CancellationToken cancellation)
        {
            Task worker;
            try
            {
                worker = work(bridge, cancellation);
            }
            catch (Exception e)
            {
                worker = Task.FromException(e);
            }

            return worker.ContinueWith(
                (ended, state) =>
                {
                    ((PipelineBridge)state!).Complete();
                    ended.GetAwaiter().GetResult();
                },
                bridge,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
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
