using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// The body of a ZVM's answer, read asynchronously, each read bounded by the session's
    /// time-out and stopped by the caller's cancellation. Errors come out as the module's own:
    /// a time-out or a lost connection is ZvmUnreachable naming the server, a session
    /// disconnected meanwhile is ZvmSessionDisconnected.
    /// </summary>
    /// <remarks>
    /// One timer serves the whole answer: it is armed before each read and disarmed after it,
    /// so the time a slow pipeline takes between reads does not count. Cancellation also
    /// disposes the underlying stream, which stops a read that ignores its token.
    /// <para>
    /// The time-out bounds each wait and each stall, not the whole download, with a minimum data
    /// rate as web servers have (Kestrel's MinResponseDataRate): every byte that arrives buys
    /// 1/<see cref="MinBytesPerSecond"/> of a second, at most the time-out ahead. An answer
    /// that delivers nothing, or next to nothing, is cut off once the time-out has passed
    /// without its worth of bytes; a slow but steady download is not.
    /// </para>
    /// </remarks>
    internal sealed class ResponseBody : Stream
    {
        private const int SmallBodyLimit = 16 * 1024 * 1024;

        /// <summary>The least an answer must deliver, on average, not to be cut off (Kestrel's default for responses).</summary>
        internal const double MinBytesPerSecond = 240;

        private readonly HttpResponseMessage? _owned;
        private readonly Stream _content;
        private readonly string _server;
        private readonly TimeSpan _timeout;
        private readonly CancellationToken _cancellation;
        private readonly CancellationToken _closing;
        private readonly CancellationTokenSource _deadline;
        private readonly CancellationTokenRegistration _abort;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan? _cutOff; // on _clock: when the answer is cut off unless more arrives
        private TimeSpan _lastReadEnded;

        private ResponseBody(HttpResponseMessage? owned, Stream content, ZvmClient client, CancellationToken cancellation)
        {
            _owned = owned;
            _content = content;
            _server = client.Server;
            _timeout = client.Timeout;
            _cancellation = cancellation;
            _closing = client.Closing;
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation, client.Closing);
            _abort = _deadline.Token.Register(state => ((Stream)state!).Dispose(), content);
        }

        /// <summary>Opens the body of <paramref name="response"/>; disposing the body disposes the response.</summary>
        public static async Task<ResponseBody> OpenAsync(HttpResponseMessage response, ZvmClient client, CancellationToken cancellation)
        {
            Stream content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            return new ResponseBody(response, content, client, cancellation);
        }

        /// <summary>Reads a small body whole (an error, the type list, one task, a token), at most <paramref name="limit"/> bytes of it.</summary>
        public static async Task<byte[]> ReadSmallAsync(HttpResponseMessage response, ZvmClient client, CancellationToken cancellation, int limit = SmallBodyLimit)
        {
            Stream content = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            using var body = new ResponseBody(null, content, client, cancellation);
            using var collected = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while (collected.Length < limit && (read = await body.ReadAsync(buffer, 0, buffer.Length, cancellation).ConfigureAwait(false)) > 0)
            {
                collected.Write(buffer, 0, read);
            }

            return collected.ToArray();
        }

        /// <inheritdoc/>
        /// <remarks>The token given here is not used: the body keeps the one it was opened with.</remarks>
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            // The time since the last read was the caller's, not the server's: it does not count.
            TimeSpan now = _clock.Elapsed;
            TimeSpan cutOff = _cutOff is TimeSpan was ? was + (now - _lastReadEnded) : now + _timeout;
            TimeSpan left = cutOff - now;
            bool trickled = left < _timeout;
            _deadline.CancelAfter(left > TimeSpan.FromMilliseconds(1) ? left : TimeSpan.FromMilliseconds(1));
            try
            {
                int read = await _content.ReadAsync(buffer, offset, count, _deadline.Token).ConfigureAwait(false);
                TimeSpan ended = _clock.Elapsed;
                TimeSpan earned = cutOff + TimeSpan.FromSeconds(read / MinBytesPerSecond);
                _cutOff = earned < ended + _timeout ? earned : ended + _timeout;
                _lastReadEnded = ended;
                return read;
            }
            catch (Exception e) when (_cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException("The read was stopped.", e, _cancellation);
            }
            catch (Exception e) when (_closing.IsCancellationRequested)
            {
                // Disconnect-ZvmSession, maybe from another runspace, while this answer was read.
                throw SessionErrors.Disconnected(_server, _server, e);
            }
            catch (Exception e) when (_deadline.IsCancellationRequested)
            {
                throw trickled ? TransportErrors.TooSlow(_server, _timeout, MinBytesPerSecond, e) : TransportErrors.TimedOut(_server, _timeout, e);
            }
            catch (Exception e) when (TransportErrors.IsTransport(e))
            {
                throw TransportErrors.Lost(_server, e);
            }
            finally
            {
                _deadline.CancelAfter(Timeout.Infinite);
            }
        }

        /// <summary>Not supported: a body is only read asynchronously, so that no thread waits on the network.</summary>
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the body with ReadAsync.");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _abort.Dispose();
                _deadline.Dispose();
                _content.Dispose();
                _owned?.Dispose();
            }

            base.Dispose(disposing);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
