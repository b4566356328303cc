using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>The tokens that are more than one byte: strings and names, numbers, and the literals.</summary>
    internal ref partial struct JsonTokenizer
    {
        // From the opening quote: the index after the closing quote, and whether a backslash came between.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryScanString(int quote, long line, long lineStart, out int end, out bool escaped)
        {
            ReadOnlySpan<byte> data = _data;
            escaped = false;
            int i = quote + 1;
            while (i < data.Length)
            {
                i = SkipPlainText(data, i);
                if (i == data.Length)
                {
                    break;
                }

                byte b = data[i];
                if (b == (byte)'"')
                {
                    end = i + 1;
                    return true;
                }

                if (b != (byte)'\\')
                {
                    throw Error(i, line, lineStart, $"'{Show(b)}' is invalid within a JSON string. The string should be correctly escaped.");
                }

                escaped = true;
                if (i + 1 >= data.Length)
                {
                    break;
                }

                byte kind = data[i + 1];
                if (kind == (byte)'u')
                {
                    if (i + 5 >= data.Length)
                    {
                        break;
                    }

                    for (int h = i + 2; h < i + 6; h++)
                    {
                        if (HexValue(data[h]) < 0)
                        {
                            throw Error(h, line, lineStart, $"'{Show(data[h])}' is not a hex digit following '\\u' within a JSON string. The string should be correctly escaped.");
                        }
                    }

                    i += 6;
                }
                else if (kind == (byte)'"' || kind == (byte)'\\' || kind == (byte)'/' || kind == (byte)'b' || kind == (byte)'f' || kind == (byte)'n' || kind == (byte)'r' || kind == (byte)'t')
                {
                    i += 2;
                }
                else
                {
                    throw Error(i + 1, line, lineStart, $"'{Show(kind)}' is an invalid escapable character within a JSON string. The string should be correctly escaped.");
                }
            }

            end = 0;
            if (_isFinalBlock)
            {
                throw Error(data.Length, line, lineStart, "Expected end of string, but instead reached end of data.");
            }

            return false;
        }

        // The index of the first quote, backslash or control character at or after i (or the
        // end): a vector's width at a time, since most of a task list is the text of its strings.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int SkipPlainText(ReadOnlySpan<byte> data, int i)
        {
            if (Vector.IsHardwareAccelerated)
            {
                var quote = new Vector<byte>((byte)'"');
                var backslash = new Vector<byte>((byte)'\\');
                var space = new Vector<byte>((byte)' ');
                while (i <= data.Length - Vector<byte>.Count)
                {
                    Vector<byte> chunk = MemoryMarshal.Read<Vector<byte>>(data.Slice(i));
                    Vector<byte> special = Vector.Equals(chunk, quote) | Vector.Equals(chunk, backslash) | Vector.LessThan(chunk, space);
                    if (!special.Equals(Vector<byte>.Zero))
                    {
                        break;
                    }

                    i += Vector<byte>.Count;
                }
            }

            while (i < data.Length)
            {
                byte b = data[i];
                if (b == (byte)'"' || b == (byte)'\\' || b < 0x20)
                {
                    return i;
                }

                i++;
            }

            return i;
        }

        // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, then a delimiter.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool ReadNumber(int start, long line, long lineStart)
        {
            ReadOnlySpan<byte> data = _data;
            int i = start;
            if (data[i] == (byte)'-')
            {
                i++;
            }

            if (!TryDigits(ref i, line, lineStart, leadingZeroAlone: true))
            {
                return false;
            }

            if (i < data.Length && data[i] == (byte)'.')
            {
                i++;
                if (!TryDigits(ref i, line, lineStart, leadingZeroAlone: false))
                {
                    return false;
                }
            }

            if (i < data.Length && (data[i] == (byte)'e' || data[i] == (byte)'E'))
            {
                i++;
                if (i < data.Length && (data[i] == (byte)'+' || data[i] == (byte)'-'))
                {
                    i++;
                }

                if (!TryDigits(ref i, line, lineStart, leadingZeroAlone: false))
                {
                    return false;
                }
            }

            if (i == data.Length)
            {
                // More digits may be on their way; in the final piece only a lone number may end the data.
                if (!_isFinalBlock)
                {
                    return false;
                }

                if (_depth > 0)
                {
                    throw Error(i, line, lineStart, "Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.");
                }
            }
            else if (!IsDelimiter(data[i]))
            {
                throw Error(i, line, lineStart, $"'{Show(data[i])}' is an invalid end of a number. Expected a delimiter.");
            }

            return Took(JsonTokenType.Number, start, i, data.Slice(start, i - start), false, AfterValue, line, lineStart);
        }

        // One or more digits (only "0" where a leading zero may not be followed by more).
        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool TryDigits(ref int i, long line, long lineStart, bool leadingZeroAlone)
        {
            ReadOnlySpan<byte> data = _data;
            if (i == data.Length)
            {
                if (_isFinalBlock)
                {
                    throw Error(i, line, lineStart, "Expected a digit ('0'-'9'), but instead reached end of data.");
                }

                return false;
            }

            if (!IsDigit(data[i]))
            {
                throw Error(i, line, lineStart, $"'{Show(data[i])}' is invalid within a number. Expected a digit ('0'-'9').");
            }

            if (leadingZeroAlone && data[i] == (byte)'0')
            {
                i++;
                return true;
            }

            while (i < data.Length && IsDigit(data[i]))
            {
                i++;
            }

            return true;
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool ReadLiteral(JsonTokenType type, string literal, int start, long line, long lineStart)
        {
            ReadOnlySpan<byte> data = _data;
            int available = Math.Min(literal.Length, data.Length - start);
            for (int k = 0; k < available; k++)
            {
                if (data[start + k] != literal[k])
                {
                    throw Error(start + k, line, lineStart, $"'{Printable(data.Slice(start, Math.Min(data.Length - start, 30)))}' is an invalid JSON literal. Expected the literal '{literal}'.");
                }
            }

            if (available < literal.Length)
            {
                if (_isFinalBlock)
                {
                    throw Error(data.Length, line, lineStart, $"Expected the literal '{literal}', but instead reached end of data.");
                }

                return false;
            }

            return Took(type, start, start + literal.Length, data.Slice(start, literal.Length), false, AfterValue, line, lineStart);
        }
    }
}
