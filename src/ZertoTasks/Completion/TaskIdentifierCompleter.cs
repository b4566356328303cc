using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace ZertoTasks.Completion
{
    /// <summary>
    /// Completes -TaskIdentifier with the newest tasks of the session the command will use
    /// (its -Session, as a session or a server name, else the default), newest first, showing
    /// type, state and start time. A word typed with ':' between the GUIDs completes too.
    /// </summary>
    internal sealed class TaskIdentifierCompleter : IArgumentCompleter
    {
        private const int MaxOffered = 50;
        private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionText.Safely(() => Offer(wordToComplete, fakeBoundParameters));

        private static IEnumerable<CompletionResult> Offer(string wordToComplete, IDictionary fakeBoundParameters)
        {
            ZvmSession? session = CompletionText.SessionOf(fakeBoundParameters);
            if (session == null || !session.IsConnected)
            {
                yield break;
            }

            WildcardPattern pattern = CompletionText.PatternOf(ZertoTasks.TaskIdentifier.Normalize(wordToComplete ?? string.Empty));
            int offered = 0;
            foreach (ZvmTask task in RecentTasks.Of(session).Get(MaxWait))
            {
                if (offered == MaxOffered)
                {
                    yield break;
                }

                if (pattern.IsMatch(task.TaskIdentifier))
                {
                    offered++;
                    string started = task.Started?.ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture) ?? "?";
                    yield return new CompletionResult(
                        CompletionText.Quote(task.TaskIdentifier, wordToComplete),
                        $"{task.TaskIdentifier} {task.Type} {task.State}",
                        CompletionResultType.ParameterValue,
                        $"{task.Type}, {task.State} {task.Progress}%, started {started} on {task.Server}");
                }
            }
        }
    }
}
