using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using ZertoTasks.Http;

namespace ZertoTasks.Infrastructure
{
    /// <summary>
    /// Carries what worker threads produce (objects, errors, verbose and debug text) to the
    /// pipeline thread, the only thread allowed to write to PowerShell's streams. Bounded,
    /// so a fast ZVM cannot run ahead of a slow pipeline and fill memory.
    /// </summary>
    /// <remarks>
    /// The pipeline thread takes everything waiting at once and writes it outside the lock, so
    /// a worker parsing the next tasks and the pipeline writing the last ones run side by side.
    /// It is woken per batch, not per object: waking a thread for every one of 100,000 tasks
    /// would cost both threads more than the tasks themselves.
    /// </remarks>
    internal sealed class PipelineOutbox : IZvmLog, IDisposable
    {
        private const int Capacity = 2048;
        private const int Batch = 256;

        // How long objects short of a batch may wait: a trickling ZVM still shows its first task at once.
        private const int MaxDelayMilliseconds = 10;

        private readonly object _lock = new object();
        private readonly CancellationToken _cancellation;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private List<Item> _waiting = new List<Item>();
        private List<Item> _writing = new List<Item>();
        private bool _completed;

        public PipelineOutbox(CancellationToken cancellation)
        {
            _cancellation = cancellation;
            _wakeOnCancel = cancellation.Register(WakeAll);
        }

        public void Verbose(string message) => Add(new Item(ItemKind.Verbose, message));

        public void Debug(string message) => Add(new Item(ItemKind.Debug, message));

        public void Warning(string message) => Add(new Item(ItemKind.Warning, message));

        public void Output(object value) => Add(new Item(ItemKind.Output, value));

        public void Error(ErrorRecord record) => Add(new Item(ItemKind.Error, record));

        public void Progress(ProgressRecord record) => Add(new Item(ItemKind.Progress, record));

        /// <summary>No more items will come (every worker is done).</summary>
        public void Complete()
        {
            lock (_lock)
            {
                _completed = true;
                Monitor.PulseAll(_lock);
            }
        }

        /// <summary>On the pipeline thread: writes everything that arrives until <see cref="Complete"/>.</summary>
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
                        case ItemKind.Progress: cmdlet.WriteProgress((ProgressRecord)item.Value); break;
                    }
                }

                _writing.Clear();
            }
        }

        // Moves the waiting items to _writing; false once the workers are done and all is written.
        private bool TakeWaiting()
        {
            lock (_lock)
            {
                while (_waiting.Count == 0 && !_completed)
                {
                    _cancellation.ThrowIfCancellationRequested();
                    Monitor.Wait(_lock, MaxDelayMilliseconds);
                }

                _cancellation.ThrowIfCancellationRequested();
                (_waiting, _writing) = (_writing, _waiting);
                Monitor.PulseAll(_lock);
                return _writing.Count > 0;
            }
        }

        private void Add(Item item)
        {
            _cancellation.ThrowIfCancellationRequested();
            lock (_lock)
            {
                while (_waiting.Count >= Capacity && !_completed)
                {
                    Monitor.Wait(_lock);
                    _cancellation.ThrowIfCancellationRequested();
                }

                if (_completed)
                {
                    // A late log line from a worker being torn down.
                    return;
                }

                _waiting.Add(item);
                if (_waiting.Count == Batch || item.Kind != ItemKind.Output)
                {
                    Monitor.PulseAll(_lock);
                }
            }
        }

        private void WakeAll()
        {
            lock (_lock)
            {
                Monitor.PulseAll(_lock);
            }
        }

        public void Dispose() => _wakeOnCancel.Dispose();

        private enum ItemKind
        {
            Output,
            Error,
            Verbose,
            Debug,
            Warning,
            Progress,
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
