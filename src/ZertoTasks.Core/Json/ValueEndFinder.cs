using System;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Finds where the value at a <see cref="TaskListBuffer"/>'s Start ends while it arrives piece by
    /// piece: the bytes already looked at are not looked at again when more arrive, so the work stays
    /// linear however the body is cut. It does not check the JSON; the parser does, once the end is found.
    /// </summary>
    internal sealed class ValueEndFinder
    {
        private const int NotScanning = -1;

        private ElementEndScanner _scanner;
        private int _scanned = NotScanning; // how much of the value at Start has been looked at

        /// <summary>What <see cref="Find"/> gives for a value that takes more than the most one task may.</summary>
        public const int TooLarge = -2;

        /// <summary>What <see cref="Find"/> gives for a value that the end of the body cuts off.</summary>
        public const int EndedEarly = -3;

        /// <summary>True while a value's end is being looked for across pieces.</summary>
        public bool IsScanning => _scanned != NotScanning;

        /// <summary>The bytes looked at so far: the finder's share of the reader's work.</summary>
        public long BytesExamined { get; private set; }

        /// <summary>
        /// The length of the value at Start once its end has arrived, -1 until then, or <see cref="TooLarge"/>
        /// or <see cref="EndedEarly"/>. An object, an array or a string ends at its closing character; a
        /// number or a literal (<paramref name="isScalar"/>) at the first byte that cannot be part of it.
        /// </summary>
        public int Find(TaskListBuffer bytes, bool isScalar, int maxBytes)
        {
            int available = bytes.End - bytes.Start;
            if (_scanned == NotScanning)
            {
                _scanner = default;
                _scanned = 0;
            }

            int end;
            if (!isScalar)
            {
                int found = _scanner.Scan(new ReadOnlySpan<byte>(bytes.Bytes, bytes.Start + _scanned, available - _scanned));
                BytesExamined += found < 0 ? available - _scanned : found;
                end = found < 0 ? -1 : _scanned + found;
            }
            else
            {
                int i = bytes.Start + _scanned;
                while (i < bytes.End && !EndsScalar(bytes.Bytes[i]))
                {
                    i++;
                }

                BytesExamined += i - bytes.Start - _scanned;
                end = i < bytes.End || bytes.EndOfBody ? i - bytes.Start : -1;
            }

            _scanned = end < 0 ? available : NotScanning;
            return (end < 0 ? available : end) > maxBytes ? TooLarge
                : end < 0 && bytes.EndOfBody ? EndedEarly
                : end;
        }

        private static bool EndsScalar(byte b) => TaskListBuffer.IsWhiteSpace(b) || b == (byte)',' || b == (byte)']' || b == (byte)'}';
    }
}
