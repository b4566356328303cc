using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Management.Automation;
using ZertoTasks.Hosting;

namespace ZertoTasks.Completion
{
    /// <summary>What completers share: reading the typed word and quoting what they offer.</summary>
    internal static class CompletionText
    {
        /// <summary>
        /// What <paramref name="offer"/> offers, taken whole, or nothing if it fails: completion
        /// never throws into Tab (a ZVM that fails to answer is the business of the command run).
        /// </summary>
        public static IEnumerable<CompletionResult> Safely(Func<IEnumerable<CompletionResult>> offer)
        {
            try
            {
                return offer().ToList();
            }
            catch (Exception e) when (!(e is OutOfMemoryException || e is StackOverflowException))
            {
                return new CompletionResult[0];
            }
        }

        /// <summary>True when <paramref name="task"/> completed well within <paramref name="wait"/>; never throws for its failure.</summary>
        public static bool CompletedWithin(Task task, TimeSpan wait) =>
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(wait) && task.Status == TaskStatus.RanToCompletion;

        /// <summary>The word typed so far, without its quotes, as a case-insensitive prefix pattern.</summary>
        public static WildcardPattern PatternOf(string? wordToComplete)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            return WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        }

        /// <summary>
        /// Whether a value completes the typed word: it starts with the word as typed (so 'Dev [L'
        /// completes 'Dev [Lab]'), or matches it as a wildcard prefix ('F*SQL').
        /// </summary>
        public static Func<string, bool> MatcherOf(string? wordToComplete)
        {
            string word = (wordToComplete ?? string.Empty).Trim('\'', '"');
            WildcardPattern pattern = PatternOf(wordToComplete);
            return value =>
            {
                if (value.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                try
                {
                    return pattern.IsMatch(value);
                }
                catch (WildcardPatternException)
                {
                    // An unclosed '[' typed so far.
                    return false;
                }
            };
        }

        /// <summary>Quotes a value only if the shell would split it, as the typed word did if it was quoted.</summary>
        public static string Quote(string value, string? wordToComplete)
        {
            bool typedQuote = !string.IsNullOrEmpty(wordToComplete) && (wordToComplete![0] == '\'' || wordToComplete[0] == '"');
            return typedQuote || value.IndexOfAny(new[] { ' ', '\t', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;
        }

        /// <summary>
        /// The session the command being completed will use: the first that its -Session names, as
        /// a session or as an open session's server name (wildcards allowed, as -Session takes
        /// them), else the default.
        /// </summary>
        public static ZvmSession? SessionOf(IDictionary fakeBoundParameters)
        {
            object? value = fakeBoundParameters.Contains("Session") ? fakeBoundParameters["Session"] : null;
            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            object? first = value is IEnumerable items && !(value is string) ? items.Cast<object?>().FirstOrDefault() : value;
            first = first is PSObject inner ? inner.BaseObject : first;
            switch (first)
            {
                case ZvmSession session:
                    return session;
                case string name:
                    var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                    return SessionRegistry.Current.FindAll(session => pattern.IsMatch(session.Server)).FirstOrDefault();
                default:
                    return SessionRegistry.Current.Default;
            }
        }
    }
}
