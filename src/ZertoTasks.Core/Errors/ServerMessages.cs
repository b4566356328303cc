using System;

namespace ZertoTasks
{
    /// <summary>
    /// What a ZVM's error message means where its status alone does not tell: a Windows ZVM
    /// answers 400 both for a task it does not know and for a missing licence.
    /// </summary>
    internal static class ServerMessages
    {
        private static readonly string[] UnknownTask = { "not found", "does not exist", "doesn't exist", "unknown", "no task" };

        /// <summary>{"Message":"Valid License is not provided "}: the ZVM's licence, not the request, is the problem.</summary>
        public static bool LicenceIsMissing(string? message) =>
            message != null && (Has(message, "license") || Has(message, "licence"));

        /// <summary>The message says that the task is unknown (and not, say, that the request or licence is wrong).</summary>
        public static bool TaskIsUnknown(string? message, string identifier)
        {
            if (message == null || LicenceIsMissing(message))
            {
                return false;
            }

            foreach (string phrase in UnknownTask)
            {
                if (Has(message, phrase))
                {
                    return true;
                }
            }

            return Has(message, identifier);
        }

        private static bool Has(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
