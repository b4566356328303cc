using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Reads the value of one field of a task, the reader standing on it: a string, a name, a
    /// number, a boolean or a date. A value that cannot be read (of another JSON kind, out of
    /// range, a date no DateTime holds) is stepped over and gives a default, and the first such
    /// flaw of the task is kept in <see cref="Problem"/>. One reader serves a whole task list, so
    /// the strings that repeat across its tasks are shared.
    /// </summary>
    internal sealed class FieldValueReader
    {
        private readonly StringCache _strings = new StringCache();

        /// <summary>The first flaw of the task being read, as "Status.Progress is 1e400, not a whole number..."; null when none.</summary>
        public string? Problem { get; set; }

        // A type or state comes as a name or as its number; a name is kept exactly as sent.
        [MethodImpl(HotPath.AggressiveOptimization)]
        public string ReadName(ref Utf8JsonReader reader, Func<int, string> nameOfNumber, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return _strings.Get(ref reader);
                case JsonTokenType.Number when reader.TryGetInt32(out int number): return nameOfNumber(number);
                case JsonTokenType.Null: return string.Empty;
                case JsonTokenType.Number: return Bad(ref reader, field, $"neither a name nor a whole number from {int.MinValue} to {int.MaxValue}", string.Empty);
                default: return Bad(ref reader, field, "not a name or a number", string.Empty);
            }
        }

        // A string that recurs across the list (a user, a failure reason, a VPG's id), or "" for null.
        [MethodImpl(HotPath.AggressiveOptimization)]
        public string ReadString(ref Utf8JsonReader reader, string field) =>
            reader.TokenType == JsonTokenType.String ? _strings.Get(ref reader) : ReadUniqueString(ref reader, null, field);

        // A task's id: the same text as its link's identifier, when given, is the same string.
        [MethodImpl(HotPath.AggressiveOptimization)]
        public string ReadUniqueString(ref Utf8JsonReader reader, string? sameAs, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return sameAs != null && reader.ValueTextEquals(sameAs) ? sameAs : reader.GetString()!;
                case JsonTokenType.Null: return string.Empty;
                default: return Bad(ref reader, field, "not a string", string.Empty);
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        public int ReadInt(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
            {
                return value;
            }

            return reader.TokenType == JsonTokenType.Null ? 0
                : reader.TokenType == JsonTokenType.Number ? Bad(ref reader, field, $"not a whole number from {int.MinValue} to {int.MaxValue}", 0)
                : Bad(ref reader, field, "not a number", 0);
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        public bool ReadBool(ref Utf8JsonReader reader, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.True: return true;
                case JsonTokenType.False:
                case JsonTokenType.Null: return false;
                default: return Bad(ref reader, field, "not true or false", false);
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        public DateTime? ReadDate(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                // Neither of the two forms ZVMs send costs a string: Microsoft dates, then ISO 8601.
                if (!reader.ValueIsEscaped && (ZvmDate.TryParseMicrosoft(reader.ValueSpan, out DateTime local) || ZvmDate.TryParseIso(reader.ValueSpan, out local)))
                {
                    return local;
                }

                string text = reader.GetString()!;
                if (ZvmDate.TryParse(text, out local))
                {
                    return local;
                }

                return Bad(ref reader, field, ZvmDate.Flaw(text), (DateTime?)null);
            }

            return Bad(ref reader, field, "not a date", (DateTime?)null);
        }

        /// <summary>Keeps the first flaw of the task and steps over the value, so the task is still read to its end.</summary>
        public T Bad<T>(ref Utf8JsonReader reader, string field, string flaw, T instead)
        {
            Problem ??= TaskFieldErrors.Flaw(ref reader, field, flaw);
            JsonSteps.SkipContents(ref reader);
            return instead;
        }

        public void Bad(ref Utf8JsonReader reader, string field, string flaw) => Bad(ref reader, field, flaw, 0);
    }
}
