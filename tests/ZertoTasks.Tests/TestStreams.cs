using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Tests
{
    /// <summary>A body that arrives in pieces of a given size (or of sizes a function picks), and can refuse to be read past a point.</summary>
    internal sealed class TrickleStream : Stream
    {
        private readonly byte[] _data;
        private readonly Func<int> _piece;
        private readonly int _readableUpTo;
        private int _position;

        public TrickleStream(byte[] data, int piece, int readableUpTo = int.MaxValue)
            : this(data, () => piece, readableUpTo)
        {
        }

        public TrickleStream(byte[] data, Func<int> piece, int readableUpTo = int.MaxValue)
        {
            _data = data;
            _piece = piece;
            _readableUpTo = readableUpTo;
        }

        public int Position_ => _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= _readableUpTo && _position < _data.Length)
            {
                throw new InvalidOperationException($"read past byte {_readableUpTo}: the reader asked for more than it needed");
            }

            int n = Math.Min(Math.Min(count, _piece()), Math.Min(_data.Length, _readableUpTo) - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        // As a socket: the piece that has arrived, at once (Stream's own ReadAsync would queue Read to the thread pool).
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// A body whose data arrives at once and whose end never comes: a server that keeps the
    /// connection open. A read past the data waits until <paramref name="later"/> arrives after
    /// <paramref name="laterAfter"/>, or until the stream is disposed (then it fails, as a socket does).
    /// </summary>
    internal sealed class OpenEndedStream : Stream
    {
        private readonly byte[] _data;
        private readonly byte[]? _later;
        private readonly TimeSpan _laterAfter;
        private readonly TaskCompletionSource<int> _disposed = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _position;
        private bool _laterSent;

        public OpenEndedStream(byte[] data, byte[]? later = null, TimeSpan laterAfter = default)
        {
            _data = data;
            _later = later;
            _laterAfter = laterAfter;
        }

        /// <summary>Reads started after the data ran out.</summary>
        public int PendingReads { get; private set; }

        public bool IsDisposed => _disposed.Task.IsCompleted;

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (_position < _data.Length)
            {
                int n = Math.Min(count, _data.Length - _position);
                Array.Copy(_data, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            PendingReads++;
            if (_later != null && !_laterSent)
            {
                Task first = await Task.WhenAny(Task.Delay(_laterAfter), _disposed.Task);
                if (first != _disposed.Task)
                {
                    _laterSent = true;
                    int n = Math.Min(count, _later.Length);
                    Array.Copy(_later, 0, buffer, offset, n);
                    return n;
                }
            }

            await _disposed.Task;
            throw new ObjectDisposedException(nameof(OpenEndedStream));
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _disposed.TrySetResult(0);
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
