using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ZvmSimulator.Faults;

/// <summary>
/// Passes the first <paramref name="limit"/> bytes of a response body on. Past that it either
/// drops the rest quietly ("cut": the answer then ends normally) or runs
/// <paramref name="atLimit"/> once, which aborts the connection ("truncate").
/// </summary>
internal sealed class ByteLimitStream(Stream inner, long limit, Func<Task>? atLimit) : Stream
{
    private long _written;

    /// <summary>Set once a write went past the limit.</summary>
    public bool Reached { get; private set; }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var allowed = (int)Math.Min(buffer.Length, limit - _written);
        if (allowed > 0)
        {
            await inner.WriteAsync(buffer[..allowed], cancellationToken);
            _written += allowed;
        }
        if (allowed < buffer.Length && !Reached)
        {
            Reached = true;
            if (atLimit is not null)
            {
                await atLimit();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
