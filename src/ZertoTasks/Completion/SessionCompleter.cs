using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using ZertoTasks.Hosting;

namespace ZertoTasks.Completion
{
    /// <summary>Completes -Session with the servers of this runspace's open sessions.</summary>
    internal sealed class SessionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionText.Safely(() => Offer(wordToComplete));

        private static IEnumerable<CompletionResult> Offer(string wordToComplete)
        {
            WildcardPattern pattern = CompletionText.PatternOf(wordToComplete);
            var seen = new HashSet<string>();
            foreach (ZvmSession session in SessionRegistry.Current.Open)
            {
                if (pattern.IsMatch(session.Server) && seen.Add(session.Server))
                {
                    yield return new CompletionResult(
                        CompletionText.Quote(session.Server, wordToComplete),
                        session.Server,
                        CompletionResultType.ParameterValue,
                        session.ToString());
                }
            }
        }
    }
}
