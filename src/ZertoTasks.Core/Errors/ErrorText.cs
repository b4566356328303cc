using System;

namespace ZertoTasks
{
    /// <summary>What messages that join several parts share.</summary>
    internal static class ErrorText
    {
        /// <summary>
        /// Text that ends as a sentence does, so that the next part does not run on from it:
        /// Keycloak's "Invalid user credentials" and a socket's "Connection refused" get their full stop.
        /// </summary>
        public static string Sentence(string text)
        {
            string trimmed = text.Trim();
            return trimmed.EndsWith(".", StringComparison.Ordinal) || trimmed.EndsWith("!", StringComparison.Ordinal) || trimmed.EndsWith("?", StringComparison.Ordinal)
                ? trimmed
                : trimmed + ".";
        }
    }
}
