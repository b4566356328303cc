using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// Remove-Module ZertoTasks (as PSOpenAD's OnImportAndRemove does): the sessions of the
    /// runspace that removes the module are logged out on their ZVMs and their connections
    /// closed, and the process-wide AssemblyResolve handler is removed once no runspace uses the
    /// module any more. A later Import-Module installs it again. Nothing here throws: the module
    /// is removed whatever a ZVM answers.
    /// </summary>
    public sealed class ModuleCleanup : IModuleAssemblyCleanup
    {
        // How long Remove-Module waits for the ZVMs to take the logouts, all at once.
        private static readonly TimeSpan LogoutGrace = TimeSpan.FromSeconds(10);

        /// <inheritdoc/>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            LogOutSessionsOf(Runspace.DefaultRunspace);
            DependencyResolver.Leave(Runspace.DefaultRunspace);
        }

        private static void LogOutSessionsOf(Runspace? runspace)
        {
            if (runspace == null)
            {
                return;
            }

            SessionRegistry registry = SessionRegistry.Current;
            IReadOnlyList<ZvmSession> sessions = registry.Open;
            foreach (ZvmSession session in sessions)
            {
                registry.Remove(session);
            }

            if (sessions.Count == 0)
            {
                return;
            }

            using var grace = new CancellationTokenSource(LogoutGrace);
            Task[] logouts = sessions.Select(session => session.DisconnectAsync(QuietLog.Instance, grace.Token)).ToArray();
            try
            {
                Task.WaitAll(logouts, LogoutGrace);
            }
            catch (AggregateException)
            {
                // A ZVM that cannot be told ends the session by itself when it expires.
            }

            foreach (Task logout in logouts)
            {
                _ = logout.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }

        private sealed class QuietLog : IZvmLog
        {
            public static readonly QuietLog Instance = new QuietLog();

            public void Verbose(string message)
            {
            }

            public void Debug(string message)
            {
            }
        }
    }
}
