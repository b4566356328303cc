using System.Collections.Generic;
using System.Management.Automation;

namespace ZertoTasks.Infrastructure
{
    /// <summary>A cmdlet that talks to ZVMs: -Session, or the runspace's default session.</summary>
    public abstract class ZvmSessionCmdlet : ZvmCmdlet
    {
        /// <summary>The sessions to use, or their servers' names; the default session of this runspace when omitted.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SessionTransformation]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public ZvmSession[]? Session { get; set; }

        /// <summary>
        /// The task ids among <paramref name="inputs"/> that are well formed; each other one is a
        /// non-terminating InvalidTaskIdentifier error, before any request is sent.
        /// </summary>
        internal List<string> ValidTaskIdentifiers(IEnumerable<string> inputs)
        {
            var valid = new List<string>();
            foreach (string input in inputs)
            {
                try
                {
                    valid.Add(TaskIdentifier.Validate(input));
                }
                catch (ZvmException e)
                {
                    WriteError(ErrorRecords.From(e));
                }
            }

            return valid;
        }

        /// <summary>The sessions this call uses; a terminating NoZvmSession error if there are none.</summary>
        internal IReadOnlyList<ZvmSession> ResolveSessions()
        {
            IReadOnlyList<ZvmSession> sessions = GivenOrDefaultSessions(Session);
            foreach (ZvmSession session in sessions)
            {
                if (!session.IsConnected)
                {
                    ThrowTerminating(SessionErrors.Disconnected(session.Server, session));
                }
            }

            return sessions;
        }
    }
}
