using System;
using System.Collections.Generic;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// The runspaces that have the module imported. What the module installs for the whole
    /// process (the AssemblyResolve handler) is installed by the first of them and removed when
    /// the last one removes the module; a runspace that imports it twice counts once. Runspaces
    /// are held weakly: one that closed without Remove-Module does not keep the count up for ever.
    /// </summary>
    internal sealed class ModuleUsers
    {
        private readonly List<WeakReference> _users = new List<WeakReference>();

        /// <summary>Counts <paramref name="runspace"/> as a user; true when it is the first.</summary>
        public bool Enter(object runspace)
        {
            lock (_users)
            {
                Prune();
                if (Find(runspace) >= 0)
                {
                    return false;
                }

                _users.Add(new WeakReference(runspace));
                return _users.Count == 1;
            }
        }

        /// <summary>Forgets <paramref name="runspace"/>; true when no user is left.</summary>
        public bool Leave(object runspace)
        {
            lock (_users)
            {
                int at = Find(runspace);
                if (at >= 0)
                {
                    _users.RemoveAt(at);
                }

                Prune();
                return _users.Count == 0;
            }
        }

        private int Find(object runspace) => _users.FindIndex(user => ReferenceEquals(user.Target, runspace));

        private void Prune() => _users.RemoveAll(user => !user.IsAlive);
    }
}
