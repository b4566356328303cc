using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// The moves of a <see cref="TaskJsonParser"/> through a task. A piece of a list can end anywhere
    /// in a task, so every move goes through here: one that runs out of data throws
    /// <see cref="EndOfData"/>, and the parser then says "read again with more".
    /// </summary>
    internal static class JsonSteps
    {
        /// <summary>Moves to the next property name of the current object; false at its end.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static bool NextProperty(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            return reader.TokenType == JsonTokenType.PropertyName;
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        public static void Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                throw new EndOfData();
            }
        }

        // From a property name, past its value, whatever its kind. Only an object or an array has
        // anything to skip, and TrySkip copies the whole reader each time, so it is kept for those.
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static void SkipValue(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip())
            {
                throw new EndOfData();
            }
        }

        /// <summary>From the value the reader stands on to its end: past its contents when it is an object or an array.</summary>
        public static void SkipContents(ref Utf8JsonReader reader)
        {
            if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip())
            {
                throw new EndOfData();
            }
        }

        /// <summary>The reader's data ended inside the task.</summary>
        public sealed class EndOfData : Exception
        {
        }
    }
}
