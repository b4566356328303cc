using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// Carries what the asynchronous work produces (objects, errors, verbose and debug text,
    /// progress) to the pipeline thread, the only thread allowed to write to PowerShell's
    /// streams. Objects are bounded: <see cref="OutputAsync"/> waits, without holding a thread,
    /// while a slow pipeline has <see cref="Capacity"/> of them still to write. The rest is
    /// small and never waits.
    /// </summary>
    /// <remarks>
    /// The pipeline thread takes everything waiting at once and writes it outside the lock, so
    /// the work parsing the next tasks and the pipeline writing the last ones run side by side.
    /// Idle, it sleeps until something arrives. Then it is woken per batch, not per object
    /// (waking a thread for every one of 100,000 tasks would cost more than the tasks), but
    /// an object short of a batch waits at most <see cref="MaxDelayMilliseconds"/>, so a
    /// trickling ZVM still shows its first task at once. Every wait is decided and entered
    /// under one lock that cancellation also takes, so no wake-up can be lost.
    /// </remarks>
    internal sealed class PipelineOutbox : IZvmLog, IDisposable
    {
        private const int Capacity = 2048;
        private const int Batch = 256;
        private const int MaxDelayMilliseconds = 10;

        private readonly object _lock = new object();
        private readonly CancellationToken _cancellation;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private List<Item> _waiting = new List<Item>();
        private List<Item> _writing = new List<Item>();
        private int _objectsWaiting;
        private bool _urgent;
        private bool _drainerIdle;
        private bool _completed;
        private TaskCompletionSource<bool>? _room;

        public PipelineOutbox(CancellationToken cancellation)
        {
            _cancellation = cancellation;
            _wakeOnCancel = cancellation.Register(WakeAll);
        }

        public void Verbose(string message) => Add(new Item(ItemKind.Verbose, message));

        public void Debug(string message) => Add(new Item(ItemKind.Debug, message));

        public void Warning(string message) => Add(new Item(ItemKind.Warning, message));

        /// <summary>
        /// A warning that <paramref name="claim"/>, asked as the pipeline writes it, allows: else
        /// it is a verbose line. A pipeline that stops before writing it asks nothing, so the
        /// warning is left to a later run.
        /// </summary>
        public void WarningIfClaimed(string message, Func<bool> claim) => Add(new Item(ItemKind.ClaimedWarning, new ClaimedWarning(message, claim)));

        public void Error(ErrorRecord record) => Add(new Item(ItemKind.Error, record));

        public void Progress(ProgressRecord record) => Add(new Item(ItemKind.Progress, record));

        /// <summary>
        /// Queues an object for the pipeline; completes at once while there is room, else once the
        /// pipeline has taken what waits. Cancelled when the pipeline stops.
        /// </summary>
        public ValueTask OutputAsync(object value) => OutputAsync(value, null);

        /// <summary>
        /// Queues several objects in one hand-over, as <see cref="OutputAsync(object)"/> does one: a
        /// read hands over the tasks of a network read at once rather than taking the lock per task.
        /// The list is read before the returned task completes; the caller may reuse it after.
        /// </summary>
        public ValueTask OutputAsync(List<object> values) => values.Count == 0 ? default : OutputAsync(null, values);

        private ValueTask OutputAsync(object? one, List<object>? many)
        {
            Task room;
            lock (_lock)
            {
                if (_cancellation.IsCancellationRequested)
                {
                    return new ValueTask(Task.FromCanceled(_cancellation));
                }

                if (_objectsWaiting < Capacity || _completed)
                {
                    AddObjects(one, many);
                    return default;
                }

                _room ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                room = _room.Task;
            }

            return OutputWhenRoomAsync(room, one, many);
        }

        /// <summary>No more items will come (the work is done).</summary>
        public void Complete()
        {
            lock (_lock)
            {
                _completed = true;
                Monitor.PulseAll(_lock);
            }
        }

        /// <summary>On the pipeline thread: writes everything that arrives until <see cref="Complete"/>.</summary>
        /// <exception cref="OperationCanceledException">the pipeline is stopping</exception>
        public void Drain(Cmdlet cmdlet)
        {
            while (TakeWaiting())
            {
                foreach (Item item in _writing)
                {
                    switch (item.Kind)
                    {
                        case ItemKind.Output: cmdlet.WriteObject(item.Value); break;
                        case ItemKind.Error: cmdlet.WriteError((ErrorRecord)item.Value); break;
                        case ItemKind.Verbose: cmdlet.WriteVerbose((string)item.Value); break;
                        case ItemKind.Debug: cmdlet.WriteDebug((string)item.Value); break;
                        case ItemKind.Warning: cmdlet.WriteWarning((string)item.Value); break;
                        case ItemKind.ClaimedWarning: ((ClaimedWarning)item.Value).Write(cmdlet); break;
                        case ItemKind.Progress: cmdlet.WriteProgress((ProgressRecord)item.Value); break;
                    }
                }

                _writing.Clear();
            }
        }

        public void Dispose() => _wakeOnCancel.Dispose();

        private async ValueTask OutputWhenRoomAsync(Task room, object? one, List<object>? many)
        {
            await room.ConfigureAwait(false);
            await OutputAsync(one, many).ConfigureAwait(false);
        }

        // Moves the waiting items to _writing; false once the work is done and all is written.
        private bool TakeWaiting()
        {
            lock (_lock)
            {
                // Idle: sleep until an item, the end or a cancellation pulses.
                while (_waiting.Count == 0 && !_completed && !_cancellation.IsCancellationRequested)
                {
                    _drainerIdle = true;
                    Monitor.Wait(_lock);
                    _drainerIdle = false;
                }

                // Objects short of a batch: give the next ones a moment to join them.
                if (_waiting.Count < Batch && !_urgent && !_completed && !_cancellation.IsCancellationRequested)
                {
                    Monitor.Wait(_lock, MaxDelayMilliseconds);
                }

                _cancellation.ThrowIfCancellationRequested();
                (_waiting, _writing) = (_writing, _waiting);
                _objectsWaiting = 0;
                _urgent = false;
                _room?.TrySetResult(true);
                _room = null;
                return _writing.Count > 0;
            }
        }

        // Under the lock. The drainer is woken when idle, or as the objects waiting reach a batch.
        private void AddObjects(object? one, List<object>? many)
        {
            if (_completed)
            {
                // Late output from work being torn down.
                return;
            }

            int before = _objectsWaiting;
            if (many == null)
            {
                _waiting.Add(new Item(ItemKind.Output, one!));
            }
            else
            {
                foreach (object value in many)
                {
                    _waiting.Add(new Item(ItemKind.Output, value));
                }
            }

            _objectsWaiting += many?.Count ?? 1;
            if (_drainerIdle || (before < Batch && _objectsWaiting >= Batch))
            {
                Monitor.PulseAll(_lock);
            }
        }

        // Anything but an object is written as soon as the drainer can.
        private void Add(Item item)
        {
            lock (_lock)
            {
                if (_completed)
                {
                    // A late log line from work being torn down.
                    return;
                }

                _waiting.Add(item);
                _urgent = true;
                Monitor.PulseAll(_lock);
            }
        }

        private void WakeAll()
        {
            lock (_lock)
            {
                Monitor.PulseAll(_lock);
                _room?.TrySetCanceled(_cancellation);
                _room = null;
            }
        }

        private enum ItemKind
        {
            Output,
            Error,
            Verbose,
            Debug,
            Warning,
            ClaimedWarning,
            Progress,
        }

        private sealed class ClaimedWarning
        {
            private readonly string _message;
            private readonly Func<bool> _claim;

            public ClaimedWarning(string message, Func<bool> claim)
            {
                _message = message;
                _claim = claim;
            }

            public void Write(Cmdlet cmdlet)
            {
                if (_claim())
                {
                    cmdlet.WriteWarning(_message);
                }
                else
                {
                    cmdlet.WriteVerbose(_message);
                }
            }
        }

        private readonly struct Item
        {
            public Item(ItemKind kind, object value)
            {
                Kind = kind;
                Value = value;
            }

            public ItemKind Kind { get; }

            public object Value { get; }
        }
    }
}
