using System;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Finds where a JSON object or array ends while it arrives piece by piece, remembering
    /// between pieces whether it is inside a string and how deep: every byte is looked at once,
    /// however the body is cut. It does not check the JSON; the parser does, once the end is found.
    /// A string on its own ends with its closing quote.
    /// </summary>
    internal struct ElementEndScanner
    {
        private int _depth;
        private bool _inString;
        private bool _escaped;

        /// <summary>Scans the next piece; returns how far into it the element ends, or -1 if it goes on past it.</summary>
        public int Scan(ReadOnlySpan<byte> piece)
        {
            int i = 0;
            while (i < piece.Length)
            {
                if (_inString)
                {
                    if (_escaped)
                    {
                        _escaped = false;
                        i++;
                        continue;
                    }

                    // Most of a task is text: jump to the next quote or backslash.
                    int next = piece.Slice(i).IndexOfAny((byte)'"', (byte)'\\');
                    if (next < 0)
                    {
                        return -1;
                    }

                    i += next;
                    if (piece[i] == (byte)'\\')
                    {
                        _escaped = true;
                    }
                    else
                    {
                        _inString = false;
                        if (_depth == 0)
                        {
                            // A string on its own (where a task was due): it ends with its quote.
                            return i + 1;
                        }
                    }

                    i++;
                    continue;
                }

                switch (piece[i++])
                {
                    case (byte)'"':
                        _inString = true;
                        break;
                    case (byte)'{':
                    case (byte)'[':
                        _depth++;
                        break;
                    case (byte)'}':
                    case (byte)']':
                        if (--_depth <= 0)
                        {
                            return i;
                        }

                        break;
                }
            }

            return -1;
        }
    }
}
