using System.Collections;
using System.Management.Automation;
using ZertoTasks.Infrastructure;

namespace ZertoTasks.Completion
{
    /// <summary>What completers share: reading the typed word and quoting what they offer.</summary>
    internal static class CompletionText
    {
        /// <summary>The word typed so far, without its quotes, as a case-insensitive prefix pattern.</summary>
        public static WildcardPattern PatternOf(string? wordToComplete)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        }

        /// <summary>Quotes a value only if the shell would split it, as the typed word did if it was quoted.</summary>
        public static string Quote(string value, string? wordToComplete)
        {
            bool typedQuote = !string.IsNullOrEmpty(wordToComplete) && (wordToComplete![0] == '\'' || wordToComplete[0] == '"');
            return typedQuote || value.IndexOfAny(new[] { ' ', '\t', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
        }

        /// <summary>The session the command being completed will use: its -Session, else the default.</summary>
        public static ZvmSession? SessionOf(IDictionary fakeBoundParameters)
        {
            object? value = fakeBoundParameters.Contains("Session") ? fakeBoundParameters["Session"] : null;
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            return value switch
            {
                ZvmSession session => session,
                ZvmSession[] sessions when sessions.Length > 0 => sessions[0],
                _ => SessionRegistry.Current.Default,
            };
        }
    }
}
