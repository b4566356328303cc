using System;
using System.Collections.Concurrent;
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
    internal sealed class PipelineOutbox : IZvmLog, IDisposable
    {
        private const int Capacity = 2048;

        private readonly BlockingCollection<Item> _items = new BlockingCollection<Item>(Capacity);
        private readonly CancellationToken _cancellation;

        public PipelineOutbox(CancellationToken cancellation) => _cancellation = cancellation;

        public void Verbose(string message) => Add(new Item(ItemKind.Verbose, message));

        public void Debug(string message) => Add(new Item(ItemKind.Debug, message));

        public void Output(object value) => Add(new Item(ItemKind.Output, value));

        public void Error(ErrorRecord record) => Add(new Item(ItemKind.Error, record));

        public void Progress(ProgressRecord record) => Add(new Item(ItemKind.Progress, record));

        /// <summary>No more items will come (every worker is done).</summary>
        public void Complete() => _items.CompleteAdding();

        /// <summary>On the pipeline thread: writes everything that arrives until <see cref="Complete"/>.</summary>
        public void Drain(Cmdlet cmdlet)
        {
            foreach (Item item in _items.GetConsumingEnumerable(_cancellation))
            {
                switch (item.Kind)
                {
                    case ItemKind.Output: cmdlet.WriteObject(item.Value); break;
                    case ItemKind.Error: cmdlet.WriteError((ErrorRecord)item.Value); break;
                    case ItemKind.Verbose: cmdlet.WriteVerbose((string)item.Value); break;
                    case ItemKind.Debug: cmdlet.WriteDebug((string)item.Value); break;
                    case ItemKind.Progress: cmdlet.WriteProgress((ProgressRecord)item.Value); break;
                }
            }
        }

        private void Add(Item item)
        {
            try
            {
                _items.Add(item, _cancellation);
            }
            catch (InvalidOperationException)
            {
                // Completed already: a late log line from a worker being torn down.
            }
        }

        public void Dispose() => _items.Dispose();

        private enum ItemKind
        {
            Output,
            Error,
            Verbose,
            Debug,
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
