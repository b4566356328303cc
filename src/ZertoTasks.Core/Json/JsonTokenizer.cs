using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Reads JSON one token at a time over a piece of the body, as Utf8JsonReader does and with
    /// its rules (RFC 8259: no comments, no trailing commas, at most 64 levels): the same tokens,
    /// positions and values, and an error wherever it has one. The task list is read with it.
    /// </summary>
    /// <remarks>
    /// Why not Utf8JsonReader itself: a runbook lists tasks once, in a fresh pwsh process, and
    /// there the runtime runs System.Text.Json's reader in its slow tiers (re-compiled with
    /// profiling probes once hot, and its string search at first unoptimized) for as long as the
    /// process keeps compiling new code: most of the listing. On 100,000 tasks the reader was
    /// then the slowest part of Get-ZvmTask (docs/benchmark.md). These methods are compiled fully
    /// optimized on first call, and warm they read as fast as Utf8JsonReader. JsonTokenizerTests
    /// hold the two to the same behaviour, token by token, on the recordings, edge cases and
    /// thousands of broken variants. The small answers (logins, errors, task types) still use
    /// Utf8JsonReader.
    /// </remarks>
    internal ref partial struct JsonTokenizer
    {
        private const int MaxDepth = 64;

        private readonly ReadOnlySpan<byte> _data;
        private readonly bool _isFinalBlock;
        private int _consumed;
        private int _depth;
        // Bit d-1 set: the container at depth d is an object, not an array.
        private ulong _objects;
        private Expect _expect;

        // For errors: the line, counted from 0, and the index where it starts (negative when it
        // started in an earlier piece). New lines can only be white space between tokens.
        private long _line;
        private long _lineStart;

        /// <param name="data">the piece of JSON to read</param>
        /// <param name="isFinalBlock">false when more may follow: a token cut off at its end then reads as "not yet", not as an error</param>
        /// <param name="state">where the previous piece's reading stopped, or default at the start</param>
        public JsonTokenizer(ReadOnlySpan<byte> data, bool isFinalBlock, JsonTokenizerState state)
        {
            _data = data;
            _isFinalBlock = isFinalBlock;
            _consumed = 0;
            _depth = state.Depth;
            _objects = state.Objects;
            _expect = state.Expect;
            _line = state.Line;
            _lineStart = -state.BytePositionInLine;
            TokenType = JsonTokenType.None;
            TokenStartIndex = 0;
            ValueSpan = default;
            ValueIsEscaped = false;
        }

        // What may come next; a comma is read with the token after it, a colon with the name before it.
        internal enum Expect : byte
        {
            Value,
            ValueOrEndArray,
            NameOrEndObject,
            CommaOrEnd,
            EndOfData,
        }

        public JsonTokenType TokenType { get; private set; }

        /// <summary>Where the current token starts in the piece (its opening quote for a string).</summary>
        public long TokenStartIndex { get; private set; }

        /// <summary>The raw bytes of the current string (without quotes, still escaped), name, number or literal.</summary>
        public ReadOnlySpan<byte> ValueSpan { get; private set; }

        /// <summary>True when the current string or name holds a backslash escape.</summary>
        public bool ValueIsEscaped { get; private set; }

        /// <summary>How much of the piece the tokens read so far take up.</summary>
        public long BytesConsumed => _consumed;

        /// <summary>The current token's depth, counted as Utf8JsonReader counts it: a StartObject at the outer level.</summary>
        public int CurrentDepth => TokenType == JsonTokenType.StartObject || TokenType == JsonTokenType.StartArray ? _depth - 1 : _depth;

        public JsonTokenizerState CurrentState => new JsonTokenizerState(_depth, _objects, _expect, _line, _consumed - _lineStart);

        private bool InObject => (_objects & (1UL << (_depth - 1))) != 0;

        /// <summary>Moves to the next token; false at the end of the data, or when the next token has not wholly arrived.</summary>
        /// <exception cref="JsonException">the data is not valid JSON</exception>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public bool Read()
        {
            int i = _consumed;
            long line = _line;
            long lineStart = _lineStart;
            if (!SkipWhiteSpace(ref i, ref line, ref lineStart))
            {
                return AtEndOfData(i, line, lineStart);
            }

            byte c = _data[i];
            bool name = false;
            switch (_expect)
            {
                case Expect.EndOfData:
                    throw Error(i, line, lineStart, $"'{Show(c)}' is invalid after a single JSON value. Expected end of data.");
                case Expect.CommaOrEnd:
                    if (c == (byte)'}' || c == (byte)']')
                    {
                        return EndContainer(c, i, line, lineStart);
                    }

                    if (c != (byte)',')
                    {
                        throw Error(i, line, lineStart, $"'{Show(c)}' is invalid after a value. Expected either ',', '}}', or ']'.");
                    }

                    i++;
                    if (!SkipWhiteSpace(ref i, ref line, ref lineStart))
                    {
                        return AtEndOfData(i, line, lineStart);
                    }

                    c = _data[i];
                    name = InObject;
                    if (c == (byte)'}' || c == (byte)']')
                    {
                        throw Error(i, line, lineStart, $"'{Show(c)}' follows a trailing comma, which JSON does not allow.");
                    }

                    break;
                case Expect.NameOrEndObject:
                    if (c == (byte)'}')
                    {
                        return EndContainer(c, i, line, lineStart);
                    }

                    name = true;
                    break;
                case Expect.ValueOrEndArray:
                    if (c == (byte)']')
                    {
                        return EndContainer(c, i, line, lineStart);
                    }

                    break;
            }

            return name ? ReadPropertyName(c, i, line, lineStart) : ReadValue(c, i, line, lineStart);
        }

        /// <summary>
        /// From a StartObject or StartArray, moves to its matching end; false, without moving,
        /// when the end has not yet arrived. On any other token it does nothing.
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public bool TrySkip()
        {
            if (TokenType != JsonTokenType.StartObject && TokenType != JsonTokenType.StartArray)
            {
                return true;
            }

            int depth = _depth;
            JsonTokenizer ahead = this;
            do
            {
                if (!ahead.Read())
                {
                    return false;
                }
            }
            while (ahead._depth >= depth);

            this = ahead;
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool SkipWhiteSpace(ref int i, ref long line, ref long lineStart)
        {
            ReadOnlySpan<byte> data = _data;
            while (i < data.Length)
            {
                byte b = data[i];
                if (!IsWhiteSpace(b))
                {
                    return true;
                }

                i++;
                if (b == (byte)'\n')
                {
                    line++;
                    lineStart = i;
                }
            }

            return false;
        }

        private bool AtEndOfData(int i, long line, long lineStart)
        {
            if (!_isFinalBlock || _expect == Expect.EndOfData)
            {
                return false;
            }

            throw _depth == 0 && _expect == Expect.Value
                ? Error(i, line, lineStart, "The input does not contain any JSON tokens. Expected the input to start with a valid JSON token.")
                : Error(i, line, lineStart, "Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.");
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool ReadValue(byte c, int i, long line, long lineStart)
        {
            switch (c)
            {
                case (byte)'{':
                case (byte)'[':
                    if (_depth >= MaxDepth)
                    {
                        throw Error(i, line, lineStart, $"The maximum configured depth of {MaxDepth} has been exceeded.");
                    }

                    _depth++;
                    _objects = c == (byte)'{' ? _objects | (1UL << (_depth - 1)) : _objects & ~(1UL << (_depth - 1));
                    return Took(c == (byte)'{' ? JsonTokenType.StartObject : JsonTokenType.StartArray, i, i + 1, default, false, c == (byte)'{' ? Expect.NameOrEndObject : Expect.ValueOrEndArray, line, lineStart);
                case (byte)'"':
                    if (!TryScanString(i, line, lineStart, out int end, out bool escaped))
                    {
                        return false;
                    }

                    return Took(JsonTokenType.String, i, end, _data.Slice(i + 1, end - i - 2), escaped, AfterValue, line, lineStart);
                case (byte)'t': return ReadLiteral(JsonTokenType.True, "true", i, line, lineStart);
                case (byte)'f': return ReadLiteral(JsonTokenType.False, "false", i, line, lineStart);
                case (byte)'n': return ReadLiteral(JsonTokenType.Null, "null", i, line, lineStart);
                default:
                    if (c == (byte)'-' || IsDigit(c))
                    {
                        return ReadNumber(i, line, lineStart);
                    }

                    throw Error(i, line, lineStart, $"'{Show(c)}' is an invalid start of a value.");
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool ReadPropertyName(byte c, int i, long line, long lineStart)
        {
            if (c != (byte)'"')
            {
                throw Error(i, line, lineStart, $"'{Show(c)}' is an invalid start of a property name. Expected a '\"'.");
            }

            if (!TryScanString(i, line, lineStart, out int end, out bool escaped))
            {
                return false;
            }

            int colon = end;
            if (!SkipWhiteSpace(ref colon, ref line, ref lineStart))
            {
                return AtEndOfData(colon, line, lineStart);
            }

            if (_data[colon] != (byte)':')
            {
                throw Error(colon, line, lineStart, $"'{Show(_data[colon])}' is invalid after a property name. Expected a ':'.");
            }

            return Took(JsonTokenType.PropertyName, i, colon + 1, _data.Slice(i + 1, end - i - 2), escaped, Expect.Value, line, lineStart);
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool EndContainer(byte c, int i, long line, long lineStart)
        {
            bool isObject = InObject;
            if ((c == (byte)'}') != isObject)
            {
                throw Error(i, line, lineStart, $"'{Show(c)}' is invalid without a matching open.");
            }

            _depth--;
            return Took(isObject ? JsonTokenType.EndObject : JsonTokenType.EndArray, i, i + 1, default, false, AfterValue, line, lineStart);
        }

        private Expect AfterValue => _depth == 0 ? Expect.EndOfData : Expect.CommaOrEnd;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Took(JsonTokenType type, int start, int end, ReadOnlySpan<byte> value, bool escaped, Expect next, long line, long lineStart)
        {
            TokenType = type;
            TokenStartIndex = start;
            ValueSpan = value;
            ValueIsEscaped = escaped;
            _consumed = end;
            _expect = next;
            _line = line;
            _lineStart = lineStart;
            return true;
        }

        private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

        /// <summary>JSON's white space: space, tab, carriage return, line feed.</summary>
        internal static bool IsWhiteSpace(byte b) => b == (byte)' ' || b == (byte)'\t' || b == (byte)'\r' || b == (byte)'\n';

        private static bool IsDelimiter(byte b) => b == (byte)',' || b == (byte)'}' || b == (byte)']' || IsWhiteSpace(b);

        private static int HexValue(byte b) =>
            b >= (byte)'0' && b <= (byte)'9' ? b - '0'
            : b >= (byte)'a' && b <= (byte)'f' ? b - 'a' + 10
            : b >= (byte)'A' && b <= (byte)'F' ? b - 'A' + 10
            : -1;

        // A byte as the error shows it: printable ASCII as itself, anything else as 0xNN.
        private static string Show(byte b) => b >= 0x20 && b < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

        // The text around a bad literal, as Utf8JsonReader quotes it; bytes that are not printable ASCII show as '?'.
        private static string Printable(ReadOnlySpan<byte> text)
        {
            var chars = new char[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                chars[i] = text[i] >= 0x20 && text[i] < 0x7F ? (char)text[i] : '?';
            }

            return new string(chars);
        }

        private static JsonException Error(int at, long line, long lineStart, string message) =>
            new JsonException(message, path: null, lineNumber: line, bytePositionInLine: at - lineStart);
    }
}
