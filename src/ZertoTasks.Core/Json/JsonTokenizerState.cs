namespace ZertoTasks.Json
{
    /// <summary>Where a <see cref="JsonTokenizer"/> stopped, so that the next piece of the body is read on from there.</summary>
    internal readonly struct JsonTokenizerState
    {
        internal JsonTokenizerState(int depth, ulong objects, JsonTokenizer.Expect expect, long line, long bytePositionInLine)
        {
            Depth = depth;
            Objects = objects;
            Expect = expect;
            Line = line;
            BytePositionInLine = bytePositionInLine;
        }

        internal int Depth { get; }

        // Bit d-1 is set when the container at depth d is an object rather than an array.
        internal ulong Objects { get; }

        internal JsonTokenizer.Expect Expect { get; }

        // For errors: counted from 0, as JsonException counts them.
        internal long Line { get; }

        internal long BytePositionInLine { get; }
    }
}
