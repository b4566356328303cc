using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Reads the JSON array GET /v1/tasks answers with, one task at a time, straight off the
    /// response stream: the API has no paging, so a busy site sends tens of thousands of tasks
    /// in one body, and neither the body nor the list is ever held whole.
    /// </summary>
    /// <remarks>
    /// The buffer holds the unread part of the body, and each task is parsed straight from it.
    /// When a task runs past the buffer, more is read and the task is read again from its
    /// start, growing the buffer if one task is larger than it.
    /// </remarks>
    internal sealed class TaskArrayReader
    {
        private const int InitialBufferSize = 64 * 1024;

        // A task is about 1 KB: one that starts further than this from the end of what has
        // arrived is almost surely whole.
        private const int SurelyWhole = 4 * 1024;

        private readonly Stream _body;
        private readonly string _server;
        private readonly TaskJsonParser _parser;
        private readonly Func<Stream, byte[], int, int, int> _read;
        private byte[] _buffer = new byte[InitialBufferSize];
        private int _start;
        private int _end;
        private bool _endOfBody;
        private bool _insideArray;
        private bool _finished;
        private JsonTokenizerState _state;

        /// <param name="read">reads from the body into buffer[offset..offset+count], returning 0 at its end; the caller puts cancellation and time-outs here</param>
        public TaskArrayReader(Stream body, string server, Func<Stream, byte[], int, int, int> read)
        {
            _body = body;
            _server = server;
            _parser = new TaskJsonParser(server);
            _read = read;
        }

        /// <summary>How many tasks have been read so far (for error messages).</summary>
        public int TasksRead { get; private set; }

        /// <summary>Reads the next task; false once the array has closed.</summary>
        /// <exception cref="ZvmException">ZvmResponseInvalid: the body is not a complete JSON array of tasks.</exception>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public bool TryReadNext(out ZvmTask task)
        {
            task = null!;
            while (!_finished)
            {
                if (TryTakeToken(out ZvmTask? next))
                {
                    if (next == null)
                    {
                        continue;
                    }

                    task = next;
                    TasksRead++;
                    return true;
                }

                Refill();
            }

            return false;
        }

        /// <summary>
        /// Moves past one token of the array (its start, an element, its end) if the buffer
        /// holds all of it. Returns false when more of the body is needed first.
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryTakeToken(out ZvmTask? task)
        {
            task = null;
            if (_endOfBody && OnlyWhiteSpaceLeft())
            {
                throw Invalid(_insideArray ? "it ended before the list of tasks was complete" : "it was empty");
            }

            // Never a final block: a body that stops inside a task then reads as "ended before the
            // list was complete", not as the reader's complaint about an open object.
            var reader = new JsonTokenizer(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), isFinalBlock: false, _state);
            try
            {
                if (!reader.Read())
                {
                    return false;
                }

                if (!_insideArray)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Invalid($"it held {TaskJsonParser.Describe(reader.TokenType)} where a list of tasks was expected");
                    }

                    _insideArray = true;
                }
                else if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _finished = true;
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    // Parsing a task that has not arrived whole costs an exception, so near the end of
                    // what has arrived (and always when the body comes in small pieces) a copy of the
                    // reader first looks for the task's end.
                    if (_end - _start - reader.TokenStartIndex < SurelyWhole && !HasArrivedWhole(reader))
                    {
                        return false;
                    }

                    if (!_parser.TryRead(ref reader, out ZvmTask parsed))
                    {
                        return false;
                    }

                    task = parsed;
                }
                else
                {
                    throw Invalid($"task {TasksRead + 1} was {TaskJsonParser.Describe(reader.TokenType)}, not an object");
                }
            }
            catch (JsonException e)
            {
                throw Invalid(e.LineNumber == null ? e.Message : "it is not valid JSON: " + JsonProblem.Describe(e), e);
            }
            catch (InvalidOperationException e)
            {
                // The tokenizer's word (and Utf8JsonReader's) for text that is not valid UTF-8.
                throw Invalid("it is not valid JSON: " + JsonProblem.Describe(e), e);
            }

            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            return true;
        }

        // The reader is passed by value: skipping moves a copy.
        private static bool HasArrivedWhole(JsonTokenizer task) => task.TrySkip();

        private bool OnlyWhiteSpaceLeft()
        {
            for (int i = _start; i < _end; i++)
            {
                if (!JsonTokenizer.IsWhiteSpace(_buffer[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private void Refill()
        {
            if (_endOfBody)
            {
                throw Invalid(_insideArray ? "it ended before the list of tasks was complete" : "it held no list of tasks");
            }

            int unread = _end - _start;
            if (unread == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
            else if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            }

            _start = 0;
            _end = unread;
            int read = _read(_body, _buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfBody = true;
            }

            _end += read;
        }

        private ZvmException Invalid(string what, Exception? inner = null) =>
            new ZvmException(
                ErrorIds.ZvmResponseInvalid,
                ZvmErrorCategory.InvalidData,
                $"The task list from {_server} could not be read after {TasksRead} task(s): {what}.",
                _server,
                innerException: inner);
    }
}
