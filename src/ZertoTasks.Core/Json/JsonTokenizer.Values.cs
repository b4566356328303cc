using System;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>The current token's value, read as Utf8JsonReader reads it.</summary>
    internal ref partial struct JsonTokenizer
    {
        // Strings up to this many bytes are unescaped and widened on the stack.
        private const int StackLimit = 256;

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        /// <summary>The current string or property name, unescaped; null for a Null token.</summary>
        /// <exception cref="InvalidOperationException">the text is not valid UTF-8, or escapes half a surrogate pair</exception>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public string? GetString()
        {
            if (TokenType == JsonTokenType.Null)
            {
                return null;
            }

            ReadOnlySpan<byte> utf8 = ValueSpan;
            if (!ValueIsEscaped)
            {
                return Decode(utf8);
            }

            Span<byte> unescaped = utf8.Length <= StackLimit ? stackalloc byte[StackLimit] : new byte[utf8.Length];
            return Decode(unescaped.Slice(0, Unescape(utf8, unescaped)));
        }

        /// <summary>Copies the current string, unescaped, as UTF-8; returns its length. The destination must hold the raw value.</summary>
        /// <exception cref="InvalidOperationException">the string escapes half a surrogate pair</exception>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public int CopyString(scoped Span<byte> destination)
        {
            if (ValueIsEscaped)
            {
                return Unescape(ValueSpan, destination);
            }

            ValueSpan.CopyTo(destination);
            return ValueSpan.Length;
        }

        /// <summary>True when the current string, unescaped, is exactly <paramref name="text"/>.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public bool ValueTextEquals(string text)
        {
            ReadOnlySpan<byte> raw = ValueSpan;
            if (!ValueIsEscaped && raw.Length == text.Length)
            {
                int k = 0;
                while (k < raw.Length && text[k] < 0x80 && raw[k] == text[k])
                {
                    k++;
                }

                if (k == raw.Length)
                {
                    return true;
                }

                if (text[k] < 0x80)
                {
                    return false;
                }
            }

            return string.Equals(GetString(), text, StringComparison.Ordinal);
        }

        /// <summary>The current number as an Int32; false when it has a fraction or exponent, or does not fit.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public bool TryGetInt32(out int value) =>
            Utf8Parser.TryParse(ValueSpan, out value, out int used) && used == ValueSpan.Length;

        // Widens ASCII on the stack; anything else goes through a strict UTF-8 decoder.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static string Decode(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length == 0)
            {
                return string.Empty;
            }

            if (utf8.Length <= StackLimit)
            {
                Span<char> chars = stackalloc char[utf8.Length];
                int i = 0;
                while (i < utf8.Length && utf8[i] < 0x80)
                {
                    chars[i] = (char)utf8[i];
                    i++;
                }

                if (i == utf8.Length)
                {
                    return chars.ToString();
                }
            }

            try
            {
                return StrictUtf8.GetString(utf8.ToArray());
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.", e);
            }
        }

        // The escapes were checked while the string was read: each is whole and well formed.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
        {
            int written = 0;
            for (int i = 0; i < escaped.Length; i++)
            {
                byte b = escaped[i];
                if (b != (byte)'\\')
                {
                    destination[written++] = b;
                    continue;
                }

                byte kind = escaped[++i];
                if (kind != (byte)'u')
                {
                    destination[written++] = kind switch
                    {
                        (byte)'b' => (byte)'\b',
                        (byte)'f' => (byte)'\f',
                        (byte)'n' => (byte)'\n',
                        (byte)'r' => (byte)'\r',
                        (byte)'t' => (byte)'\t',
                        _ => kind,
                    };
                    continue;
                }

                int codePoint = Hex4(escaped, i + 1);
                i += 4;
                if (codePoint >= 0xD800 && codePoint <= 0xDFFF)
                {
                    int low = codePoint <= 0xDBFF && i + 6 < escaped.Length && escaped[i + 1] == (byte)'\\' && escaped[i + 2] == (byte)'u' ? Hex4(escaped, i + 3) : -1;
                    if (low < 0xDC00 || low > 0xDFFF)
                    {
                        throw new InvalidOperationException($"Cannot read invalid UTF-16 JSON text as string. Invalid surrogate value: '0x{codePoint:X4}'.");
                    }

                    codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                    i += 6;
                }

                written += WriteUtf8(codePoint, destination.Slice(written));
            }

            return written;
        }

        private static int Hex4(ReadOnlySpan<byte> text, int at) =>
            (HexValue(text[at]) << 12) | (HexValue(text[at + 1]) << 8) | (HexValue(text[at + 2]) << 4) | HexValue(text[at + 3]);

        private static int WriteUtf8(int codePoint, Span<byte> destination)
        {
            if (codePoint < 0x80)
            {
                destination[0] = (byte)codePoint;
                return 1;
            }

            if (codePoint < 0x800)
            {
                destination[0] = (byte)(0xC0 | (codePoint >> 6));
                destination[1] = (byte)(0x80 | (codePoint & 0x3F));
                return 2;
            }

            if (codePoint < 0x10000)
            {
                destination[0] = (byte)(0xE0 | (codePoint >> 12));
                destination[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                destination[2] = (byte)(0x80 | (codePoint & 0x3F));
                return 3;
            }

            destination[0] = (byte)(0xF0 | (codePoint >> 18));
            destination[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
            destination[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            destination[3] = (byte)(0x80 | (codePoint & 0x3F));
            return 4;
        }
    }
}
