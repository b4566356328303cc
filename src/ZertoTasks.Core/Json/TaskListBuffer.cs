using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Json
{
    /// <summary>
    /// The bytes of a task list's body that have arrived and are not yet read: refilled from the
    /// body, which it owns, and bounded by the most one task and the whole answer may take.
    /// <see cref="TaskListReader"/> reads from <see cref="Start"/> to <see cref="End"/> and moves
    /// <see cref="Start"/> past what it has read.
    /// </summary>
    internal sealed class TaskListBuffer : IDisposable
    {
        private const int InitialSize = 64 * 1024;

        /// <summary>How long the answer may take to end after the closing ']' before it is taken as ended.</summary>
        internal static readonly TimeSpan TrailerGrace = TimeSpan.FromMilliseconds(250);

        private readonly Stream _body;
        private readonly int _maxTaskBytes;
        private readonly long _maxAnswerBytes;
        private long _dropped; // bytes of the answer before Bytes[0]

        public TaskListBuffer(Stream body, int maxTaskBytes, long maxAnswerBytes)
        {
            _body = body;
            _maxTaskBytes = maxTaskBytes;
            _maxAnswerBytes = maxAnswerBytes;
            Bytes = new byte[Math.Min(InitialSize, maxTaskBytes + 1)];
        }

        public byte[] Bytes { get; private set; }

        /// <summary>Where the unread bytes start in <see cref="Bytes"/>.</summary>
        public int Start { get; set; }

        /// <summary>Where the unread bytes end in <see cref="Bytes"/>.</summary>
        public int End { get; private set; }

        /// <summary>True once the body has ended, or has been cut at the most the answer may take.</summary>
        public bool EndOfBody { get; private set; }

        /// <summary>True when the answer went past the most it may take: what came before the cut is still read.</summary>
        public bool OverLimit { get; private set; }

        /// <summary>How many bytes of the answer have arrived.</summary>
        public long BytesReceived { get; private set; }

        /// <summary>The bytes skipped as white space or moved to make room: the buffer's share of the reader's work.</summary>
        public long BytesExamined { get; private set; }

        /// <summary>Where <see cref="Start"/> stands in the whole answer, from 0.</summary>
        public long Position => _dropped + Start;

        public ReadOnlySpan<byte> Unread => new ReadOnlySpan<byte>(Bytes, Start, End - Start);

        public void Dispose() => _body.Dispose();

        /// <summary>JSON's white space: space, tab, carriage return, line feed.</summary>
        internal static bool IsWhiteSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        /// <summary>Moves <see cref="Start"/> past white space.</summary>
        public void SkipWhiteSpace()
        {
            int i = Start;
            while (i < End && IsWhiteSpace(Bytes[i]))
            {
                i++;
            }

            BytesExamined += i - Start;
            Start = i;
        }

        /// <summary>Reads more of the body; false when the unread bytes are more than one task may take, so there is no room for more.</summary>
        public async Task<bool> FillAsync()
        {
            if (EndOfBody)
            {
                // The reader has thrown or finished by now; a caller reading past the end gets the end again.
                return true;
            }

            if (End == Bytes.Length && !MakeRoom())
            {
                return false;
            }

            int read = await _body.ReadAsync(Bytes, End, Bytes.Length - End).ConfigureAwait(false);
            EndOfBody = read == 0;
            End += read;
            BytesReceived += read;
            if (BytesReceived > _maxAnswerBytes)
            {
                // The tasks within the limit are still read; the end of them is the error.
                End -= (int)(BytesReceived - _maxAnswerBytes);
                EndOfBody = true;
                OverLimit = true;
            }

            return true;
        }

        /// <summary>
        /// Reads what follows the list's closing ']': the end of the answer, or junk (for the reader
        /// to refuse), or silence on a connection left open, which ends the answer as well once
        /// <see cref="TrailerGrace"/> has passed. False as <see cref="FillAsync"/>.
        /// </summary>
        public async Task<bool> FillAfterListAsync()
        {
            if (EndOfBody)
            {
                return true;
            }

            if (End == Bytes.Length && !MakeRoom())
            {
                return false;
            }

            Task<int> read = _body.ReadAsync(Bytes, End, Bytes.Length - End);
            if (!read.IsCompleted && await Task.WhenAny(read, Task.Delay(TrailerGrace)).ConfigureAwait(false) != read)
            {
                // The read goes on until Dispose closes the body: its end, whatever it is, is observed.
                _ = read.ContinueWith(r => _ = r.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                EndOfBody = true;
                return true;
            }

            int count;
            try
            {
                count = await read.ConfigureAwait(false);
            }
            catch (ZvmException)
            {
                // A connection that fails after the list has closed has lost nothing.
                EndOfBody = true;
                return true;
            }

            EndOfBody = count == 0;
            End += count;
            BytesReceived += count;
            return true;
        }

        // Moves the unread part to the front, into a larger array when it fills more than half:
        // each byte is then moved a bounded number of times, whatever the size of the reads.
        private bool MakeRoom()
        {
            int unread = End - Start;
            byte[] target = Bytes;
            if (unread > Bytes.Length / 2)
            {
                if (unread > _maxTaskBytes)
                {
                    return false;
                }

                int size = (int)Math.Min((long)Bytes.Length * 2, _maxTaskBytes + 1L + TaskListReader.SurelyWhole);
                target = size > Bytes.Length ? new byte[size] : Bytes;
            }

            Buffer.BlockCopy(Bytes, Start, target, 0, unread);
            BytesExamined += unread;
            Bytes = target;
            _dropped += Start;
            Start = 0;
            End = unread;
            return true;
        }
    }
}
