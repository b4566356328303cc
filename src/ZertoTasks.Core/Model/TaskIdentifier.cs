using System;
using System.Text.RegularExpressions;

namespace ZertoTasks
{
    /// <summary>
    /// Checks a task id before it goes into a request path: &lt;taskGuid&gt;.&lt;siteGuid&gt;,
    /// or with ':' between them as Zerto's actions return it. Nothing else passes, so no input
    /// can reach another path ("../session", "?", "#", "%2F", line breaks).
    /// </summary>
    internal static class TaskIdentifier
    {
        private const string Guid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

        // \z, not $: "$" also matches before a final line break.
        private static readonly Regex Pattern = new Regex($@"\A{Guid}[.:]{Guid}\z", RegexOptions.CultureInvariant);

        /// <summary>The id in the '.' form, the only one /v1/tasks/{id} knows; an InvalidTaskIdentifier error if it is not a task id.</summary>
        public static string Validate(string? input)
        {
            string text = input?.Trim() ?? string.Empty;
            if (!Pattern.IsMatch(text))
            {
                throw new ZvmException(
                    ErrorIds.InvalidTaskIdentifier,
                    ZvmErrorCategory.InvalidArgument,
                    $"'{input}' is not a task identifier: expected <taskGuid>.<siteGuid>, as the TaskIdentifier property of Get-ZvmTask's output shows.",
                    input);
            }

            return Normalize(text);
        }

        /// <summary>'&lt;taskGuid&gt;:&lt;siteGuid&gt;' as '&lt;taskGuid&gt;.&lt;siteGuid&gt;'; anything else unchanged.</summary>
        public static string Normalize(string text) => text.Replace(':', '.');

        /// <summary>The API path of one task; the id was validated, and is escaped all the same.</summary>
        public static string RelativeUri(string validated) => "v1/tasks/" + Uri.EscapeDataString(validated);
    }
}
