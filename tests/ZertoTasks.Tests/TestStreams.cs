using System;
using System.IO;

namespace ZertoTasks.Tests
{
    /// <summary>A body that arrives in small pieces, and can refuse to be read past a point.</summary>
    internal sealed class TrickleStream : Stream
    {
        private readonly byte[] _data;
        private readonly int _piece;
        private readonly int _readableUpTo;
        private int _position;

        public TrickleStream(byte[] data, int piece, int readableUpTo = int.MaxValue)
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

            int n = Math.Min(Math.Min(count, _piece), Math.Min(_data.Length, _readableUpTo) - _position);
            Array.Copy(_data, _position, buffer, offset, n);
            _position += n;
            return n;
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
