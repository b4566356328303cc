using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using ZertoTasks.Names;

namespace ZertoTasks.Completion
{
    /// <summary>
    /// Completes -Vpg with the VPG names of the session the command will use, from the names the
    /// session has cached (asking the ZVM, for at most a short wait, when it has none yet). A name
    /// that holds wildcard characters is inserted escaped ('Dev `[Lab`]'), as Tab completion of
    /// paths does, so that it selects that VPG and no other; the list shows it as it is.
    /// </summary>
    internal sealed class VpgCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionText.Safely(() => Offer(wordToComplete, fakeBoundParameters));

        private static IEnumerable<CompletionResult> Offer(string wordToComplete, IDictionary fakeBoundParameters)
        {
            ZvmSession? session = CompletionText.SessionOf(fakeBoundParameters);
            if (session == null || !session.IsConnected)
            {
                return new CompletionResult[0];
            }

            Task<NameTable> names = NameDirectory.Of(session).Vpgs.Current(SilentLog.Instance);
            if (!CompletionText.CompletedWithin(names, MaxWait))
            {
                return new CompletionResult[0];
            }

            Func<string, bool> matches = CompletionText.MatcherOf(wordToComplete);
            return names.Result.Names
                .Where(vpg => vpg.Value != null && matches(vpg.Value))
                .OrderBy(vpg => vpg.Value, StringComparer.OrdinalIgnoreCase)
                .Select(vpg => new CompletionResult(
                    CompletionText.Quote(WildcardPattern.ContainsWildcardCharacters(vpg.Value!) ? WildcardPattern.Escape(vpg.Value!) : vpg.Value!, wordToComplete),
                    vpg.Value!,
                    CompletionResultType.ParameterValue,
                    $"{vpg.Value} ({vpg.Key}) on {session.Server}"))
                .ToList();
        }
    }
}
