using System;

namespace ZertoTasks.Json
{
    /// <summary>
    /// The wording of what is wrong with a task list: every error names the ZVM and how many of
    /// its tasks were read before it, and shows the bytes at fault as an administrator can read them.
    /// </summary>
    internal static class TaskListErrors
    {
        /// <summary>The error that ends the reading of the list (ZvmResponseInvalid).</summary>
        public static ZvmException Invalid(string server, int tasksRead, string what, Exception? inner = null) =>
            new ZvmException(
                ErrorIds.ZvmResponseInvalid,
                ZvmErrorCategory.InvalidData,
                $"The task list from {server} could not be read after {tasksRead} task(s): {what}.",
                server,
                innerException: inner);

        /// <summary>The error of one task that is left out while the list is read on (ZvmResponseInvalid).</summary>
        public static ZvmException TaskLeftOut(string server, ZvmTask? task, string which, string problem) =>
            new ZvmException(
                ErrorIds.ZvmResponseInvalid,
                ZvmErrorCategory.InvalidData,
                $"A task from {server} could not be read and is left out: in {which}, {problem}.",
                task?.TaskIdentifier.Length > 0 ? task.TaskIdentifier : server);

        /// <summary>Names a task by its identifier and its place in the list (from 1), or by its place alone; null for a value that is no task object.</summary>
        public static string Which(ZvmTask? task, int number) =>
            task == null ? $"task {number} of the list"
            : task.TaskIdentifier.Length > 0 ? $"task {task.TaskIdentifier} (task {number} of the list)"
            : $"task {number} of the list (it has no identifier)";

        /// <param name="position">where the fault is in the answer, from 0</param>
        public static string NotJson(string reason, long position) => $"it is not valid JSON: {reason}, at byte {position + 1} of the answer";

        public static string TaskTooLarge(int number, int maxTaskBytes) => $"task {number} is larger than {Size(maxTaskBytes)}, the most one task may take";

        public static string EndedEarly(bool overLimit, long maxAnswerBytes) => overLimit
            ? $"the answer is larger than {Size(maxAnswerBytes)}, the most a task list may take"
            : "it ended before the list of tasks was complete";

        /// <summary>
        /// What the JSON value at the start of <paramref name="value"/> is, as "an object" or "a number", for an error
        /// that says what came where a list or a task was due; null when a literal has not wholly arrived and
        /// <paramref name="isWhole"/> is false, or when the bytes start no JSON value (then <paramref name="notJson"/> says why).
        /// </summary>
        public static string? Kind(ReadOnlySpan<byte> value, bool isWhole, out string? notJson)
        {
            notJson = null;
            byte c = value[0];
            switch (c)
            {
                case (byte)'{': return "an object";
                case (byte)'[': return "an array";
                case (byte)'"': return "a string";
                case (byte)'t': return Literal(value, isWhole, "true", "a boolean", out notJson);
                case (byte)'f': return Literal(value, isWhole, "false", "a boolean", out notJson);
                case (byte)'n': return Literal(value, isWhole, "null", "null", out notJson);
                default:
                    if (c == (byte)'-' || (c >= (byte)'0' && c <= (byte)'9'))
                    {
                        return "a number";
                    }

                    notJson = $"'{Show(c)}' is an invalid start of a value";
                    return null;
            }
        }

        /// <summary>A value as an error shows it: its text, cut short after 77 characters.</summary>
        public static string Shown(ReadOnlySpan<byte> value)
        {
            string text = System.Text.Encoding.UTF8.GetString(value.Slice(0, Math.Min(value.Length, 80)).ToArray());
            return value.Length > 80 ? text.Substring(0, Math.Min(text.Length, 77)) + "..." : text;
        }

        /// <summary>A byte as an error shows it: printable ASCII as itself, anything else as 0xNN.</summary>
        public static string Show(byte b) => b >= 0x20 && b < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

        private static string? Literal(ReadOnlySpan<byte> value, bool isWhole, string literal, string kind, out string? notJson)
        {
            notJson = null;
            int have = Math.Min(literal.Length, value.Length);
            for (int i = 0; i < have; i++)
            {
                if (value[i] != literal[i])
                {
                    notJson = $"'{Show(value[0])}' starts no JSON value ('{literal}' was expected)";
                    return null;
                }
            }

            if (have == literal.Length)
            {
                return kind;
            }

            if (isWhole)
            {
                notJson = $"'{literal.Substring(0, have)}' breaks off";
            }

            return null;
        }

        private static string Size(long bytes) =>
            bytes % (1024 * 1024 * 1024) == 0 ? $"{bytes / (1024 * 1024 * 1024)} GB"
            : bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MB"
            : bytes % 1024 == 0 ? $"{bytes / 1024} KB"
            : $"{bytes} bytes";
    }
}
