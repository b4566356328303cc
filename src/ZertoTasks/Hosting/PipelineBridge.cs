using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ZertoTasks.Commands;
using ZertoTasks.Listing;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// Carries what asynchronous work produces (objects, errors, warnings, verbose and debug
    /// lines, progress) to the pipeline thread, the only thread that may write to PowerShell's
    /// streams, in the order it was produced: a System.Threading.Channels channel, drained by
    /// <see cref="Drain"/>. Objects are bounded: <see cref="WriteAsync(IReadOnlyList{object})"/>
    /// waits, without holding a thread, while the pipeline has <see cref="BatchesAhead"/>
    /// batches still to write. Log lines and errors come from synchronous code and never wait,
    /// so the channel itself is unbounded and a semaphore bounds the objects.
    /// </summary>
    /// <remarks>
    /// Waking the pipeline thread for every network read's few tasks would cost more than the
    /// tasks (a 100,000-task listing took a fifth longer): woken for objects short of
    /// <see cref="Batch"/>, it gives the next ones up to <see cref="Gather"/> to join them. Anything
    /// else, a full batch, a writer waiting for room and the end wake it at once.
    /// </remarks>
    internal sealed class PipelineBridge : IListingOutput, IDisposable
    {
        private const int BatchesAhead = 32;
        private const int Batch = 256;
        private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);

        private readonly Channel<Item> _items = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions
        {
            SingleReader = true,
            // The pipeline thread blocks on the read; a writer may complete that wait itself.
            AllowSynchronousContinuations = true,
        });

        private readonly SemaphoreSlim _room = new SemaphoreSlim(BatchesAhead);
        private readonly ManualResetEventSlim _writeNow = new ManualResetEventSlim(false);
        private readonly CancellationToken _cancellation;
        private readonly CancellationTokenRegistration _wakeOnCancel;
        private int _objectsQueued;

        public PipelineBridge(CancellationToken cancellation)
        {
            _cancellation = cancellation;
            _wakeOnCancel = cancellation.Register(state => ((ManualResetEventSlim)state!).Set(), _writeNow);
        }

        public void Verbose(string message) => Add(ItemKind.Verbose, message);

        public void Debug(string message) => Add(ItemKind.Debug, message);

        public void Warning(string message) => Add(ItemKind.Warning, message);

        public void WarningOnce(string message, Func<bool> isFirst) => Add(ItemKind.WarningOnce, new OnceWarning(message, isFirst));

        public void Error(ErrorRecord record) => Add(ItemKind.Error, record);

        public void WriteError(ZvmException error) => Error(ErrorRecords.From(error));

        public void Progress(ProgressRecord record) => Add(ItemKind.Progress, record);

        public ValueTask WriteAsync(object value) => WriteAsync(new[] { value });

        public ValueTask WriteAsync(IReadOnlyList<object> objects)
        {
            if (objects.Count == 0)
            {
                return default;
            }

            var copy = new object[objects.Count];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = objects[i];
            }

            Task room = _room.WaitAsync(_cancellation);
            if (room.Status == TaskStatus.RanToCompletion)
            {
                AddObjects(copy);
                return default;
            }

            // The pipeline is behind: it must not linger gathering more.
            _writeNow.Set();
            return WriteWhenRoomAsync(room, copy);
        }

        /// <summary>No more items will come (the work is done).</summary>
        public void Complete()
        {
            _items.Writer.TryComplete();
            _writeNow.Set();
        }

        /// <summary>On the pipeline thread: writes everything that arrives until <see cref="Complete"/>.</summary>
        /// <exception cref="OperationCanceledException">the pipeline is stopping</exception>
        public void Drain(Cmdlet cmdlet)
        {
            ChannelReader<Item> reader = _items.Reader;
            while (WaitToRead(reader))
            {
                if (Volatile.Read(ref _objectsQueued) < Batch)
                {
                    _writeNow.Wait(Gather);
                }

                _writeNow.Reset();
                while (reader.TryRead(out Item item))
                {
                    _cancellation.ThrowIfCancellationRequested();
                    Write(cmdlet, item);
                }
            }
        }

        private void Write(Cmdlet cmdlet, Item item)
        {
            switch (item.Kind)
            {
                case ItemKind.Objects:
                    var objects = (object[])item.Value;
                    Interlocked.Add(ref _objectsQueued, -objects.Length);
                    foreach (object value in objects)
                    {
                        cmdlet.WriteObject(value);
                    }

                    _room.Release();
                    break;
                case ItemKind.Error: cmdlet.WriteError((ErrorRecord)item.Value); break;
                case ItemKind.Verbose: cmdlet.WriteVerbose((string)item.Value); break;
                case ItemKind.Debug: cmdlet.WriteDebug((string)item.Value); break;
                case ItemKind.Warning: cmdlet.WriteWarning((string)item.Value); break;
                case ItemKind.WarningOnce: ((OnceWarning)item.Value).Write(cmdlet); break;
                case ItemKind.Progress: cmdlet.WriteProgress((ProgressRecord)item.Value); break;
            }
        }

        // Blocks the pipeline thread until an item or the end arrives; false at the end.
        private bool WaitToRead(ChannelReader<Item> reader)
        {
            ValueTask<bool> waiting = reader.WaitToReadAsync(_cancellation);
            return waiting.IsCompleted ? waiting.GetAwaiter().GetResult() : waiting.AsTask().GetAwaiter().GetResult();
        }

        private async ValueTask WriteWhenRoomAsync(Task room, object[] objects)
        {
            await room.ConfigureAwait(false);
            AddObjects(objects);
        }

        private void AddObjects(object[] objects)
        {
            _items.Writer.TryWrite(new Item(ItemKind.Objects, objects));
            if (Interlocked.Add(ref _objectsQueued, objects.Length) >= Batch)
            {
                _writeNow.Set();
            }
        }

        // Anything but objects is written as soon as the pipeline thread can. After Complete,
        // late items from work being torn down are dropped.
        private void Add(ItemKind kind, object value)
        {
            _items.Writer.TryWrite(new Item(kind, value));
            _writeNow.Set();
        }

        // The event is left to the GC: work being torn down may still set it, and it holds no
        // kernel handle while its WaitHandle is never asked for.
        public void Dispose() => _wakeOnCancel.Dispose();

        private enum ItemKind
        {
            Objects,
            Error,
            Verbose,
            Debug,
            Warning,
            WarningOnce,
            Progress,
        }

        private sealed class OnceWarning
        {
            private readonly string _message;
            private readonly Func<bool> _isFirst;

            public OnceWarning(string message, Func<bool> isFirst)
            {
                _message = message;
                _isFirst = isFirst;
            }

            public void Write(Cmdlet cmdlet)
            {
                if (_isFirst())
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
