using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// The open sessions and the default one, kept per runspace (not in static fields), so
    /// ForEach-Object -Parallel and hosted automation never pick up another runspace's
    /// session by accident; a session passed in with $using: still works there.
    /// </summary>
    internal sealed class SessionRegistry
    {
        private static readonly ConditionalWeakTable<Runspace, SessionRegistry> PerRunspace = new ConditionalWeakTable<Runspace, SessionRegistry>();

        private readonly List<ZvmSession> _open = new List<ZvmSession>();

        // ZvmSession.IsDefault asks the registry of whichever runspace reads it.
        static SessionRegistry() => ZvmSession.IsDefaultInCallingRunspace = session =>
            Runspace.DefaultRunspace != null && ReferenceEquals(Current.Default, session);

        /// <summary>The registry of the runspace the calling pipeline runs in.</summary>
        public static SessionRegistry Current => PerRunspace.GetValue(Runspace.DefaultRunspace, _ => new SessionRegistry());

        public ZvmSession? Default { get; private set; }

        public IReadOnlyList<ZvmSession> Open
        {
            get
            {
                lock (_open)
                {
                    return _open.ToArray();
                }
            }
        }

        /// <summary>The open sessions that satisfy <paramref name="match"/>, oldest first.</summary>
        public List<ZvmSession> FindAll(Predicate<ZvmSession> match)
        {
            lock (_open)
            {
                return _open.FindAll(match);
            }
        }

        /// <summary>
        /// Adds a session, or moves an open one that Connect-ZvmSession gave back to the newest,
        /// and makes it the default. A new session replaces an open session of the same user on
        /// the same server, which is returned: this registry forgets it, and the caller logs it out.
        /// </summary>
        public ZvmSession? Add(ZvmSession session)
        {
            lock (_open)
            {
                ZvmSession? replaced = _open.Find(open => IsSameLogin(open, session));
                if (replaced != null)
                {
                    _open.Remove(replaced);
                }

                _open.Add(session);
                Default = session;
                return ReferenceEquals(replaced, session) ? null : replaced;
            }
        }

        private static bool IsSameLogin(ZvmSession a, ZvmSession b) =>
            string.Equals(a.Server, b.Server, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(a.UserName, b.UserName, StringComparison.OrdinalIgnoreCase);

        /// <summary>Forgets a session; the newest remaining one becomes the default.</summary>
        public void Remove(ZvmSession session)
        {
            lock (_open)
            {
                _open.Remove(session);
                if (ReferenceEquals(Default, session))
                {
                    Default = _open.Count > 0 ? _open[_open.Count - 1] : null;
                }
            }
        }
    }
}
