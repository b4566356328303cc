using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
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
    /// ended (<see cref="ValueEndFinder"/>) and parsed once, when its end is in. A task that
    /// starts well before the end of what has arrived is parsed at once, without the scan.
    /// One task may take at most <see cref="MaxTaskBytes"/>, the whole answer at most
    /// <see cref="MaxAnswerBytes"/> once decompressed (gzip lets a small answer expand); the bytes
    /// wait in a <see cref="TaskListBuffer"/>.
    /// <para>
    /// A task whose values cannot be read (valid JSON, a value out of range or of another kind)
    /// costs that task only: <see cref="ReadNextAsync"/> throws its error, for which
    /// <see cref="SkippedOne"/> is true, and the next call reads on (<see cref="BadTasks"/>); so
    /// does a value where a task object was due (a number, a string, an array, a literal). JSON
    /// that is broken ends the answer, and so does the <see cref="MaxBadTasks"/>th bad task. The
    /// list ends at its closing ']': what has arrived after it by the time the answer ends, or
    /// within <see cref="TaskListBuffer.TrailerGrace"/>, is checked, but a connection left open
    /// after it is no error.
    /// </para>
    /// </remarks>
    internal sealed class TaskListReader : IDisposable
    {
        public const int DefaultMaxTaskBytes = 1024 * 1024;
        public const long DefaultMaxAnswerBytes = 1024L * 1024 * 1024;

        /// <summary>The bad task that ends an answer: a list this broken is not worth reading on.</summary>
        public const int MaxBadTasks = BadTasks.Max;

        // A task is about 1 KB: one that starts further than this from the end of what has
        // arrived is almost surely whole, and is parsed without first looking for its end.
        internal const int SurelyWhole = 4 * 1024;

        private readonly TaskListBuffer _bytes;
        private readonly string _server;
        private readonly TaskJsonParser _parser;
        private readonly BadTasks _badTasks;
        private readonly ValueEndFinder _ends = new ValueEndFinder();
        private Place _at;
        private long _examined; // bytes parsed

        public TaskListReader(Stream body, string server, int maxTaskBytes = DefaultMaxTaskBytes, long maxAnswerBytes = DefaultMaxAnswerBytes)
        {
            _bytes = new TaskListBuffer(body, maxTaskBytes, maxAnswerBytes);
            _server = server;
            _parser = new TaskJsonParser(server);
            _badTasks = new BadTasks(server);
            MaxTaskBytes = maxTaskBytes;
            MaxAnswerBytes = maxAnswerBytes;
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
        public int TasksSkipped => _badTasks.Count;

        // Where the next task stands in the list, from 0: the good tasks and the bad ones.
        private int Position => TasksRead + _badTasks.Count;

        /// <summary>
        /// True when <paramref name="error"/>, thrown by <see cref="ReadNextAsync"/>, is the error of one
        /// task that was left out: the caller reports it (non-terminating) and reads on.
        /// </summary>
        public bool SkippedOne(ZvmException error) => _badTasks.IsSkipped(error);

        /// <summary>How many bytes of the answer have arrived.</summary>
        internal long BytesReceived => _bytes.BytesReceived;

        /// <summary>The work done so far: bytes skipped, scanned, parsed or moved in the buffer. For the tests that it stays linear.</summary>
        internal long BytesExamined => _examined + _ends.BytesExamined + _bytes.BytesExamined;

        /// <summary>The next task, or null once the list has closed and the answer ended.</summary>
        /// <exception cref="ZvmException">ZvmResponseInvalid: one task could not be read (<see cref="SkippedOne"/>: read on), the body is not a whole JSON array of tasks, or passes a limit; or what the stream throws.</exception>
        public ValueTask<ZvmTask?> ReadNextAsync() =>
            TryTake(out ZvmTask? task) ? new ValueTask<ZvmTask?>(task) : ReadMoreAsync();

        public void Dispose() => _bytes.Dispose();

        private async ValueTask<ZvmTask?> ReadMoreAsync()
        {
            ZvmTask? task;
            do
            {
                bool roomMade = _at == Place.AfterList
                    ? await _bytes.FillAfterListAsync().ConfigureAwait(false)
                    : await _bytes.FillAsync().ConfigureAwait(false);
                if (!roomMade)
                {
                    throw TaskTooLarge();
                }
            }
            while (!TryTake(out task));

            return task;
        }

        /// <summary>True with the next task, or with null at the end; false when more of the body is needed first.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryTake(out ZvmTask? task)
        {
            TaskListBuffer bytes = _bytes;
            task = null;
            while (true)
            {
                bytes.SkipWhiteSpace();
                if (bytes.Start == bytes.End)
                {
                    return bytes.EndOfBody ? AtEndOfBody() : false;
                }

                byte c = bytes.Bytes[bytes.Start];
                switch (_at)
                {
                    case Place.BeforeList:
                        if (c != (byte)'[')
                        {
                            string? what = WhatCame();
                            return what == null ? false : throw Invalid($"it held {what} where a list of tasks was expected");
                        }

                        bytes.Start++;
                        _at = Place.FirstTask;
                        continue;
                    case Place.FirstTask when c == (byte)']':
                    case Place.AfterTask when c == (byte)']':
                        bytes.Start++;
                        _at = Place.AfterList;
                        continue;
                    case Place.AfterTask:
                        if (c != (byte)',')
                        {
                            throw NotJson($"'{TaskListErrors.Show(c)}' is invalid after a task. Expected ',' or ']'");
                        }

                        bytes.Start++;
                        _at = Place.TaskAfterComma;
                        continue;
                    case Place.AfterList:
                        throw NotJson($"'{TaskListErrors.Show(c)}' is invalid after the list of tasks");
                    default: // a task is due
                        if (c == (byte)']')
                        {
                            throw NotJson("']' follows a trailing comma, which JSON does not allow");
                        }

                        if (c != (byte)'{')
                        {
                            string? what = WhatCame();
                            if (what == null || !TrySkipValue(out string shown))
                            {
                                return false;
                            }

                            _at = Place.AfterTask;
                            throw _badTasks.Skip(null, $"the list holds {what}{(shown.Length > 0 ? $" ({shown})" : string.Empty)} where a task object belongs", Position + 1, TasksRead);
                        }

                        if (!TryParseTask(out task))
                        {
                            return false;
                        }

                        _at = Place.AfterTask;
                        if (_parser.Problem != null)
                        {
                            throw _badTasks.Skip(task!, _parser.Problem, Position + 1, TasksRead);
                        }

                        TasksRead++;
                        return true;
                }
            }
        }

        // Parses the task at Start once it is whole.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryParseTask(out ZvmTask? task)
        {
            int available = _bytes.End - _bytes.Start;
            if (!_ends.IsScanning && (available >= SurelyWhole || _bytes.EndOfBody) && TryParse(available, isWhole: false, out task))
            {
                return true;
            }

            int length = WholeLength(isScalar: false);
            if (length < 0)
            {
                task = null;
                return false;
            }

            if (!TryParse(length, isWhole: true, out task))
            {
                throw Invalid($"task {Position + 1} ended early");
            }

            return true;
        }

        // The length of the value at Start once it has wholly arrived, within the most one task may take; -1 until then.
        private int WholeLength(bool isScalar) => _ends.Find(_bytes, isScalar, MaxTaskBytes) switch
        {
            ValueEndFinder.TooLarge => throw TaskTooLarge(),
            ValueEndFinder.EndedEarly => throw EndedEarly(),
            int length => length,
        };

        // Steps over a value where a task object was due, once it has wholly arrived: false until then.
        // JSON that is broken inside it ends the answer.
        private bool TrySkipValue(out string shown)
        {
            shown = string.Empty;
            byte first = _bytes.Bytes[_bytes.Start];
            int length = WholeLength(isScalar: first != (byte)'[' && first != (byte)'"');
            if (length < 0)
            {
                return false;
            }

            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_bytes.Bytes, _bytes.Start, length), isFinalBlock: true, default);
            try
            {
                reader.Read();
                reader.Skip();
                if (reader.BytesConsumed != length)
                {
                    throw NotJson($"task {Position + 1} is followed by '{TaskListErrors.Show(_bytes.Bytes[_bytes.Start + (int)reader.BytesConsumed])}'");
                }
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                throw NotValidJson(e);
            }

            shown = first == (byte)'[' ? string.Empty : TaskListErrors.Shown(new ReadOnlySpan<byte>(_bytes.Bytes, _bytes.Start, length));
            _examined += length;
            _bytes.Start += length;
            return true;
        }

        // Parses a task from Start within the next `length` bytes; false when they end first.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryParse(int length, bool isWhole, out ZvmTask? task)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_bytes.Bytes, _bytes.Start, length), isWhole, default);
            bool parsed;
            try
            {
                reader.Read();
                parsed = _parser.TryRead(ref reader, out ZvmTask read);
                task = read;
            }
            catch (JsonException e)
            {
                throw e.LineNumber == null ? Invalid(e.Message, e) : NotValidJson(e);
            }
            catch (InvalidOperationException e)
            {
                throw NotValidJson(e);
            }

            if (!parsed)
            {
                _examined += length;
                task = null;
                return false;
            }

            int consumed = (int)reader.BytesConsumed;
            _examined += consumed;
            if (consumed > MaxTaskBytes)
            {
                throw TaskTooLarge();
            }

            _bytes.Start += consumed;
            return true;
        }

        private bool AtEndOfBody()
        {
            if (_bytes.OverLimit)
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
                    throw Invalid(_bytes.BytesReceived == 0 ? "it was empty" : "it held only white space");
                default:
                    throw EndedEarly();
            }
        }

        // What came where a list or a task was due, for its error; null while a literal has not wholly arrived.
        private string? WhatCame()
        {
            string? what = TaskListErrors.Kind(_bytes.Unread, _bytes.EndOfBody, out string? notJson);
            return notJson == null ? what : throw NotJson(notJson);
        }

        // JSON the reader refused inside a task (an InvalidOperationException is its word for text that is not valid UTF-8).
        private ZvmException NotValidJson(Exception e) =>
            Invalid($"task {Position + 1} is not valid JSON: {JsonProblem.Describe(e)}{(e is JsonException ? " of the task" : string.Empty)}", e);

        private ZvmException EndedEarly() => Invalid(TaskListErrors.EndedEarly(_bytes.OverLimit, MaxAnswerBytes));

        private ZvmException TaskTooLarge() => Invalid(TaskListErrors.TaskTooLarge(Position + 1, MaxTaskBytes));

        private ZvmException NotJson(string reason) => Invalid(TaskListErrors.NotJson(reason, _bytes.Position));

        private ZvmException Invalid(string what, Exception? inner = null) => TaskListErrors.Invalid(_server, TasksRead, what, inner);
    }
}
