using System;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>Says in an administrator's words what was wrong with JSON that could not be read.</summary>
    internal static class JsonProblem
    {
        /// <summary>
        /// The reader's reason with its position, e.g. "'t' is an invalid start of a value, at line 1,
        /// byte 1"; System.Text.Json's own text ends in "LineNumber: 0 | BytePositionInLine: 0.".
        /// </summary>
        public static string Describe(Exception e)
        {
            string reason = Reason(e);
            return e is JsonException json && json.LineNumber is long line
                ? $"{reason}, at line {line + 1}, byte {json.BytePositionInLine + 1}"
                : reason;
        }

        /// <summary>The reader's reason without its position.</summary>
        public static string Reason(Exception e)
        {
            int position = e.Message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return (position < 0 ? e.Message : e.Message.Substring(0, position)).Trim().TrimEnd('.');
        }

        /// <summary>True when <paramref name="body"/> is the start of valid JSON that stops early: a cut-off answer.</summary>
        public static bool EndsEarly(byte[] body)
        {
            var reader = new Utf8JsonReader(body, isFinalBlock: false, state: default);
            try
            {
                while (reader.Read())
                {
                }
            }
            catch (JsonException)
            {
                return false;
            }

            if (reader.CurrentDepth > 0)
            {
                return true;
            }

            // At depth 0 the reader holds back only a value it cannot yet know to be whole.
            for (long i = reader.BytesConsumed; i < body.Length; i++)
            {
                if (!TaskListBuffer.IsWhiteSpace(body[i]))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
