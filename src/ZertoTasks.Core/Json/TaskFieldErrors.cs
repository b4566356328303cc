using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// The wording of what is wrong with a task: a field's value as an administrator can read it,
    /// as in "Status.Progress is 1e400, not a whole number...".
    /// </summary>
    internal static class TaskFieldErrors
    {
        /// <summary>What is wrong with the value the reader stands on.</summary>
        public static string Flaw(ref Utf8JsonReader reader, string field, string flaw) => $"{field} is {Show(ref reader)}, {flaw}";

        /// <summary>The JSON that is not the object a task must be: broken JSON, which ends the list.</summary>
        /// <param name="taskStart">where the task starts in the reader's data</param>
        public static JsonException WrongKind(ref Utf8JsonReader reader, string expected, long taskStart) =>
            new JsonException($"expected {expected} but found {Describe(reader.TokenType)} at byte {reader.TokenStartIndex - taskStart} of the task");

        internal static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };

        // A value as an error shows it: numbers and literals as written, strings quoted and cut short, else its kind.
        private static string Show(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    string text = reader.GetString()!;
                    return "'" + (text.Length > 80 ? text.Substring(0, 77) + "..." : text) + "'";
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                    string raw = System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                    return raw.Length > 80 ? raw.Substring(0, 77) + "..." : raw;
                default:
                    return Describe(reader.TokenType);
            }
        }
    }
}
