using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Listing;

namespace ZertoTasks.Completion
{
    /// <summary>
    /// Completes Get-ZvmTaskType -Name with the type names of the session the command will use
    /// (asked once per session, for at most a short wait), which include types newer than this
    /// module; without a session, or while the ZVM has not answered, with the module's own list
    /// of types (ZvmTaskType). The typed word matches case-insensitively, as a prefix or wildcard.
    /// </summary>
    internal sealed class TaskTypeCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan FetchLimit = TimeSpan.FromSeconds(30);

        // A session's types do not change while it is open; a fetch that failed is asked again.
        private static readonly ConditionalWeakTable<ZvmSession, Task<List<ZvmTaskTypeInfo>>> PerSession =
            new ConditionalWeakTable<ZvmSession, Task<List<ZvmTaskTypeInfo>>>();

        private static readonly object Gate = new object();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionText.Safely(() => Offer(wordToComplete, fakeBoundParameters));

        private static IEnumerable<CompletionResult> Offer(string wordToComplete, IDictionary fakeBoundParameters)
        {
            ZvmSession? session = CompletionText.SessionOf(fakeBoundParameters);
            List<ZvmTaskTypeInfo>? known = session != null && session.IsConnected ? TypesOf(session) : null;
            IEnumerable<(string Name, string Tip)> types = known != null
                ? known.Select(type => (type.Name, type.Number is int number ? $"{type.Name} ({number}) on {type.Server}" : $"{type.Name} on {type.Server}, a type this module does not know"))
                : Enum.GetNames(typeof(ZvmTaskType)).Select(name => (name, $"{name} ({(int)Enum.Parse(typeof(ZvmTaskType), name)})"));

            Func<string, bool> matches = CompletionText.MatcherOf(wordToComplete);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return types
                .Where(type => matches(type.Name) && seen.Add(type.Name))
                .OrderBy(type => type.Name, StringComparer.OrdinalIgnoreCase)
                .Select(type => new CompletionResult(
                    CompletionText.Quote(WildcardPattern.ContainsWildcardCharacters(type.Name) ? WildcardPattern.Escape(type.Name) : type.Name, wordToComplete),
                    type.Name,
                    CompletionResultType.ParameterValue,
                    type.Tip))
                .ToList();
        }

        /// <summary>The session's types, or null if the ZVM has not answered within the wait (or failed).</summary>
        private static List<ZvmTaskTypeInfo>? TypesOf(ZvmSession session)
        {
            Task<List<ZvmTaskTypeInfo>> fetch;
            lock (Gate)
            {
                if (PerSession.TryGetValue(session, out Task<List<ZvmTaskTypeInfo>>? kept) && !kept.IsFaulted && !kept.IsCanceled)
                {
                    fetch = kept;
                }
                else
                {
                    PerSession.Remove(session);
                    fetch = FetchAsync(session);
                    PerSession.Add(session, fetch);
                }
            }

            return CompletionText.CompletedWithin(fetch, MaxWait) ? fetch.Result : null;
        }

        private static async Task<List<ZvmTaskTypeInfo>> FetchAsync(ZvmSession session)
        {
            using var limit = new CancellationTokenSource(FetchLimit);
            return await TaskEndpoints.GetTaskTypesAsync(session, SilentLog.Instance, limit.Token).ConfigureAwait(false);
        }
    }
}
