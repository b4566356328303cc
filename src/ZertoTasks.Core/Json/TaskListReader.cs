using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Reads the JSON array GET /v1/tasks answers with, one task at a time, straight off the
    /// answer's stream, which it owns: the API has no paging, so a busy site sends tens of
    /// thousands of tasks in one body, and neither the body nor the list is ever held whole.
    /// </summary>
    /// <remarks>
    /// Linear in the bytes it gets, however they are cut: white space between tasks is dropped as
    /// it comes, and a task that has not wholly arrived is scanned on from where the last piece
    /// ended (<see cref="ElementEndScanner"/>) and parsed once, when its end is in. A task that
    /// starts well before the end of what has arrived is parsed at once, without the scan.
    /// One task may take at most <see cref="MaxTaskBytes"/>, the whole answer at most
    /// <see cref="MaxAnswerBytes"/> once decompressed (gzip lets a small answer expand).
    /// <para>
    /// A task whose values cannot be read (valid JSON, a value out of range or of another kind)
    /// costs that task only: <see cref="ReadNextAsync"/> throws its error, for which
    /// <see cref="SkippedOne"/> is true, and the next call reads on. JSON that is broken ends the
    /// answer, and so does the <see cref="MaxBadTasks"/>th bad task. The list ends at its closing
    /// ']': what has arrived after it by the time the answer ends, or within
    /// <see cref="TrailerGrace"/>, is checked, but a connection left open after it is no error.
    /// </para>
    /// </remarks>
    internal sealed class TaskListReader : IDisposable
    {
        public const int DefaultMaxTaskBytes = 1024 * 1024;
        public const long DefaultMaxAnswerBytes = 1024L * 1024 * 1024;

        private const int InitialBufferSize = 64 * 1024;

        // A task is about 1 KB: one that starts further than this from the end of what has
        // arrived is almost surely whole, and is parsed without first looking for its end.
        private const int SurelyWhole = 4 * 1024;

        private readonly Stream _body;
        private readonly string _server;
        private readonly TaskJsonParser _parser;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private long _dropped; // bytes of the answer before _buffer[0]
        private bool _endOfBody;
        private bool _overLimit; // the answer went past MaxAnswerBytes: what came before it is still read
        private Place _at;
        private ElementEndScanner _scanner;
        private int _scanned = NotScanning;

        private const int NotScanning = -1;

        /// <summary>The bad task that ends an answer: a list this broken is not worth reading on.</summary>
        public const int MaxBadTasks = 100;

        /// <summary>How long the answer may take to end after the closing ']' before it is taken as ended.</summary>
        internal static readonly TimeSpan TrailerGrace = TimeSpan.FromMilliseconds(250);

        private int _badTasks;
        private ZvmException? _lastSkipped;

        public TaskListReader(Stream body, string server, int maxTaskBytes = DefaultMaxTaskBytes, long maxAnswerBytes = DefaultMaxAnswerBytes)
        {
            _body = body;
            _server = server;
            _parser = new TaskJsonParser(server);
            MaxTaskBytes = maxTaskBytes;
            MaxAnswerBytes = maxAnswerBytes;
            _buffer = new byte[Math.Min(InitialBufferSize, maxTaskBytes + 1)];
        }

        private enum Place
        {
            BeforeList,
            FirstTask,
            TaskAfterComma,
            AfterTask,
            AfterList,
            Done,
        }

        public int MaxTaskBytes { get; }

        public long MaxAnswerBytes { get; }

        /// <summary>How many tasks have been read so far (for error messages).</summary>
        public int TasksRead { get; private set; }

        /// <summary>How many tasks could not be read and were left out.</summary>
        public int TasksSkipped => _badTasks;

        // Where the next task stands in the list, from 0: the good tasks and the bad ones.
        private int Position => TasksRead + _badTasks;

        /// <summary>
        /// True when <paramref name="error"/>, thrown by <see cref="ReadNextAsync"/>, is the error of one
        /// task that was left out: the caller reports it (non-terminating) and reads on.
        /// </summary>
        public bool SkippedOne(ZvmException error) => ReferenceEquals(error, _lastSkipped);

        /// <summary>How many bytes of the answer have arrived.</summary>
        internal long BytesReceived { get; private set; }

        /// <summary>The work done so far: bytes skipped, scanned, parsed or moved in the buffer. For the tests that it stays linear.</summary>
        internal long BytesExamined { get; private set; }

        /// <summary>The next task, or null once the list has closed and the answer ended.</summary>
        /// <exception cref="ZvmException">ZvmResponseInvalid: one task could not be read (<see cref="SkippedOne"/>: read on), the body is not a whole JSON array of tasks, or passes a limit; or what the stream throws.</exception>
        public ValueTask<ZvmTask?> ReadNextAsync() =>
            TryTake(out ZvmTask? task) ? new ValueTask<ZvmTask?>(task) : ReadMoreAsync();

        public void Dispose() => _body.Dispose();

        private async ValueTask<ZvmTask?> ReadMoreAsync()
        {
            ZvmTask? task;
            do
            {
                if (_at == Place.AfterList)
                {
                    await ReadTrailerAsync().ConfigureAwait(false);
                }
                else
                {
                    await FillAsync().ConfigureAwait(false);
                }
            }
            while (!TryTake(out task));

            return task;
        }

        /// <summary>True with the next task, or with null at the end; false when more of the body is needed first.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryTake(out ZvmTask? task)
        {
            task = null;
            while (true)
            {
                SkipWhiteSpace();
                if (_start == _end)
                {
                    return _endOfBody ? AtEndOfBody() : false;
                }

                byte c = _buffer[_start];
                switch (_at)
                {
                    case Place.BeforeList:
                        if (c != (byte)'[')
                        {
                            string? what = Kind(out bool needMore);
                            return needMore ? false : throw Invalid($"it held {what} where a list of tasks was expected");
                        }

                        _start++;
                        _at = Place.FirstTask;
                        continue;
                    case Place.FirstTask when c == (byte)']':
                    case Place.AfterTask when c == (byte)']':
                        _start++;
                        _at = Place.AfterList;
                        continue;
                    case Place.AfterTask:
                        if (c != (byte)',')
                        {
                            throw NotJson($"'{Show(c)}' is invalid after a task. Expected ',' or ']'");
                        }

                        _start++;
                        _at = Place.TaskAfterComma;
                        continue;
                    case Place.AfterList:
                        throw NotJson($"'{Show(c)}' is invalid after the list of tasks");
                    default: // a task is due
                        if (c == (byte)']')
                        {
                            throw NotJson("']' follows a trailing comma, which JSON does not allow");
                        }

                        if (c != (byte)'{')
                        {
                            string? what = Kind(out bool needMore);
                            if (needMore || !TrySkipValue(out string shown))
                            {
                                return false;
                            }

                            _at = Place.AfterTask;
                            throw BadTask(null, $"the list holds {what}{(shown.Length > 0 ? $" ({shown})" : string.Empty)} where a task object belongs");
                        }

                        if (!TryParseTask(out task))
                        {
                            return false;
                        }

                        _at = Place.AfterTask;
                        if (_parser.Problem != null)
                        {
                            throw BadTask(task!, _parser.Problem);
                        }

                        TasksRead++;
                        return true;
                }
            }
        }

        // Parses the task at _start once it is whole.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryParseTask(out ZvmTask? task)
        {
            int available = _end - _start;
            if (_scanned == NotScanning)
            {
                if ((available >= SurelyWhole || _endOfBody) && TryParse(available, isWhole: false, out task))
                {
                    return true;
                }

                _scanner = default;
                _scanned = _start;
            }

            int end = _scanner.Scan(new ReadOnlySpan<byte>(_buffer, _scanned, _end - _scanned));
            BytesExamined += end < 0 ? _end - _scanned : end;
            if (end < 0)
            {
                _scanned = _end;
                if (available > MaxTaskBytes)
                {
                    throw TaskTooLarge();
                }

                if (_endOfBody)
                {
                    throw EndedEarly();
                }

                task = null;
                return false;
            }

            int length = _scanned + end - _start;
            _scanned = NotScanning;
            if (length > MaxTaskBytes)
            {
                throw TaskTooLarge();
            }

            if (!TryParse(length, isWhole: true, out task))
            {
                throw Invalid($"task {Position + 1} ended early");
            }

            return true;
        }

        // Parses a task from _start within the next `length` bytes; false when they end first.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryParse(int length, bool isWhole, out ZvmTask? task)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, length), isWhole, default);
            bool parsed;
            try
            {
                reader.Read();
                parsed = _parser.TryRead(ref reader, out ZvmTask read);
                task = read;
            }
            catch (JsonException e)
            {
                throw Invalid(e.LineNumber == null ? e.Message : $"task {Position + 1} is not valid JSON: {JsonProblem.Describe(e)} of the task", e);
            }
            catch (InvalidOperationException e)
            {
                // The reader's word for text that is not valid UTF-8.
                throw Invalid($"task {Position + 1} is not valid JSON: {JsonProblem.Describe(e)}", e);
            }

            if (!parsed)
            {
                BytesExamined += length;
                task = null;
                return false;
            }

            int consumed = (int)reader.BytesConsumed;
            BytesExamined += consumed;
            if (consumed > MaxTaskBytes)
            {
                throw TaskTooLarge();
            }

            _start += consumed;
            return true;
        }

        private void SkipWhiteSpace()
        {
            int i = _start;
            while (i < _end && IsWhiteSpace(_buffer[i]))
            {
                i++;
            }

            BytesExamined += i - _start;
            _start = i;
        }

        private bool AtEndOfBody()
        {
            if (_overLimit)
            {
                throw EndedEarly();
            }

            switch (_at)
            {
                case Place.AfterList:
                case Place.Done:
                    _at = Place.Done;
                    return true;
                case Place.BeforeList:
                    throw Invalid(BytesReceived == 0 ? "it was empty" : "it held only white space");
                default:
                    throw EndedEarly();
            }
        }

        private ZvmException EndedEarly() => _overLimit
            ? Invalid($"the answer is larger than {Size(MaxAnswerBytes)}, the most a task list may take")
            : Invalid("it ended before the list of tasks was complete");

        private async Task FillAsync()
        {
            if (_endOfBody)
            {
                // TryTake has thrown or finished by now; a caller reading past the end gets the end again.
                return;
            }

            if (_end == _buffer.Length)
            {
                MakeRoom();
            }

            int read = await _body.ReadAsync(_buffer, _end, _buffer.Length - _end).ConfigureAwait(false);
            _endOfBody = read == 0;
            _end += read;
            BytesReceived += read;
            if (BytesReceived > MaxAnswerBytes)
            {
                // The tasks within the limit are still read; the end of them is the error.
                _end -= (int)(BytesReceived - MaxAnswerBytes);
                _endOfBody = true;
                _overLimit = true;
            }
        }

        // Moves the unread part to the front, into a larger buffer when it fills more than half:
        // each byte is then moved a bounded number of times, whatever the size of the reads.
        private void MakeRoom()
        {
            int unread = _end - _start;
            byte[] target = _buffer;
            if (unread > _buffer.Length / 2)
            {
                if (unread > MaxTaskBytes)
                {
                    throw TaskTooLarge();
                }

                int size = (int)Math.Min((long)_buffer.Length * 2, MaxTaskBytes + 1L + SurelyWhole);
                target = size > _buffer.Length ? new byte[size] : _buffer;
            }

            Buffer.BlockCopy(_buffer, _start, target, 0, unread);
            BytesExamined += unread;
            _buffer = target;
            _dropped += _start;
            if (_scanned != NotScanning)
            {
                _scanned -= _start;
            }

            _start = 0;
            _end = unread;
        }

        // What the value at _start is, for errors; needMore when a literal has not wholly arrived.
        private string? Kind(out bool needMore)
        {
            needMore = false;
            byte c = _buffer[_start];
            switch (c)
            {
                case (byte)'{': return "an object";
                case (byte)'[': return "an array";
                case (byte)'"': return "a string";
                case (byte)'t': return Literal("true", "a boolean", out needMore);
                case (byte)'f': return Literal("false", "a boolean", out needMore);
                case (byte)'n': return Literal("null", "null", out needMore);
                default:
                    return c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9')
                        ? "a number"
                        : throw NotJson($"'{Show(c)}' is an invalid start of a value");
            }
        }

        private string? Literal(string literal, string kind, out bool needMore)
        {
            int have = Math.Min(literal.Length, _end - _start);
            for (int i = 0; i < have; i++)
            {
                if (_buffer[_start + i] != literal[i])
                {
                    throw NotJson($"'{Show(_buffer[_start])}' starts no JSON value ('{literal}' was expected)");
                }
            }

            needMore = have < literal.Length && !_endOfBody;
            return needMore ? null : have == literal.Length ? kind : throw NotJson($"'{literal.Substring(0, have)}' breaks off");
        }

        /// <summary>JSON's white space: space, tab, carriage return, line feed.</summary>
        internal static bool IsWhiteSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        // A byte as an error shows it: printable ASCII as itself, anything else as 0xNN.
        private static string Show(byte b) => b >= 0x20 && b < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

        private static string Size(long bytes) =>
            bytes % (1024 * 1024 * 1024) == 0 ? $"{bytes / (1024 * 1024 * 1024)} GB"
            : bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB"
            : bytes % 1024 == 0 ? $"{bytes / 1024} KB"
            : $"{bytes} bytes";

        private ZvmException TaskTooLarge() =>
            Invalid($"task {Position + 1} is larger than {Size(MaxTaskBytes)}, the most one task may take");

        // One task whose values could not be read: its own error, or, at the MaxBadTasks-th, the end of the answer.
        private ZvmException BadTask(ZvmTask? task, string problem)
        {
            int position = Position + 1;
            _badTasks++;
            string which = task == null ? $"task {position} of the list"
                : task.TaskIdentifier.Length > 0 ? $"task {task.TaskIdentifier} (task {position} of the list)"
                : $"task {position} of the list (it has no identifier)";
            if (_badTasks == MaxBadTasks)
            {
                return Invalid($"{MaxBadTasks} of its tasks could not be read, the last {which}: {problem}. The rest of the answer was not read");
            }

            _lastSkipped = new ZvmException(
                ErrorIds.ZvmResponseInvalid,
                ZvmErrorCategory.InvalidData,
                $"A task from {_server} could not be read and is left out: in {which}, {problem}.",
                task?.TaskIdentifier.Length > 0 ? task.TaskIdentifier : _server);
            return _lastSkipped;
        }

        // Steps over a value that stands where a task object was due (a number, a string, an array,
        // a literal), once it has wholly arrived: false until then. Linear however it is cut, as a
        // task is; JSON that is broken inside it ends the answer.
        private bool TrySkipValue(out string shown)
        {
            shown = string.Empty;
            byte first = _buffer[_start];
            if (_scanned == NotScanning)
            {
                _scanner = default;
                _scanned = _start;
            }

            int end;
            if (first == (byte)'[' || first == (byte)'"')
            {
                int found = _scanner.Scan(new ReadOnlySpan<byte>(_buffer, _scanned, _end - _scanned));
                BytesExamined += found < 0 ? _end - _scanned : found;
                end = found < 0 ? -1 : _scanned + found;
            }
            else
            {
                // A number or a literal: up to the byte that ends it.
                int i = _scanned;
                while (i < _end && !IsWhiteSpace(_buffer[i]) && _buffer[i] != (byte)',' && _buffer[i] != (byte)']' && _buffer[i] != (byte)'}')
                {
                    i++;
                }

                BytesExamined += i - _scanned;
                end = i < _end || _endOfBody ? i : -1;
            }

            if (end < 0)
            {
                _scanned = _end;
                if (_end - _start > MaxTaskBytes)
                {
                    throw TaskTooLarge();
                }

                if (_endOfBody)
                {
                    throw EndedEarly();
                }

                return false;
            }

            _scanned = NotScanning;
            int length = end - _start;
            if (length > MaxTaskBytes)
            {
                throw TaskTooLarge();
            }

            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, length), isFinalBlock: true, default);
            try
            {
                reader.Read();
                reader.Skip();
                if (reader.BytesConsumed != length)
                {
                    throw NotJson($"task {Position + 1} is followed by '{Show(_buffer[_start + (int)reader.BytesConsumed])}'");
                }
            }
            catch (JsonException e)
            {
                throw Invalid($"task {Position + 1} is not valid JSON: {JsonProblem.Describe(e)} of the task", e);
            }
            catch (InvalidOperationException e)
            {
                throw Invalid($"task {Position + 1} is not valid JSON: {JsonProblem.Describe(e)}", e);
            }

            shown = first == (byte)'[' ? string.Empty : Shorten(System.Text.Encoding.UTF8.GetString(_buffer, _start, Math.Min(length, 80)), length > 80);
            BytesExamined += length;
            _start += length;
            return true;
        }

        private static string Shorten(string text, bool cut) => cut ? text.Substring(0, Math.Min(text.Length, 77)) + "..." : text;

        // After the closing ']': the end of the answer, or junk (an error), or silence on a connection
        // left open, which ends the list as well once TrailerGrace has passed.
        private async Task ReadTrailerAsync()
        {
            if (_endOfBody)
            {
                return;
            }

            if (_end == _buffer.Length)
            {
                MakeRoom();
            }

            Task<int> read = _body.ReadAsync(_buffer, _end, _buffer.Length - _end);
            if (!read.IsCompleted && await Task.WhenAny(read, Task.Delay(TrailerGrace)).ConfigureAwait(false) != read)
            {
                // The read goes on until Dispose closes the body: its end, whatever it is, is observed.
                _ = read.ContinueWith(r => _ = r.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                _endOfBody = true;
                return;
            }

            int count;
            try
            {
                count = await read.ConfigureAwait(false);
            }
            catch (ZvmException)
            {
                // A connection that fails after the list has closed has lost nothing.
                _endOfBody = true;
                return;
            }

            _endOfBody = count == 0;
            _end += count;
            BytesReceived += count;
        }

        private ZvmException NotJson(string reason) =>
            Invalid($"it is not valid JSON: {reason}, at byte {_dropped + _start + 1} of the answer");

        private ZvmException Invalid(string what, Exception? inner = null) =>
            new ZvmException(
                ErrorIds.ZvmResponseInvalid,
                ZvmErrorCategory.InvalidData,
                $"The task list from {_server} could not be read after {TasksRead} task(s): {what}.",
                _server,
                innerException: inner);
    }
}
