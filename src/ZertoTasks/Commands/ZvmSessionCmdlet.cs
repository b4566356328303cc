using System.Collections.Generic;
using System.Management.Automation;
using ZertoTasks.Parameters;

namespace ZertoTasks.Commands
{
    /// <summary>A cmdlet that talks to ZVMs: -Session, or the runspace's default session.</summary>
    public abstract class ZvmSessionCmdlet : ZvmCmdlet
    {
        /// <summary>
        /// The sessions to use, or their servers' names; the default session of this runspace when
        /// omitted. Piped sessions bind by value; a piped task's Server finds its session by name.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Server")]
        [ValidateNotNullOrEmpty]
        [SessionTransformation]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public virtual ZvmSession[]? Session { get; set; }

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

        /// <summary>
        /// The sessions the current record uses, each once however often it was named; a
        /// terminating NoZvmSession error if there are none.
        /// </summary>
        internal List<ZvmSession> ResolveSessions()
        {
            var sessions = new List<ZvmSession>();
            foreach (ZvmSession session in GivenOrDefaultSessions(Session))
            {
                if (!session.IsConnected)
                {
                    ThrowTerminating(SessionErrors.Disconnected(session.Server, session));
                }

                AddOnce(sessions, session);
            }

            return sessions;
        }

        /// <summary>Adds a session unless the list has it already.</summary>
        internal static void AddOnce(List<ZvmSession> sessions, ZvmSession session)
        {
            if (!sessions.Exists(known => ReferenceEquals(known, session)))
            {
                sessions.Add(session);
            }
        }
    }
}
