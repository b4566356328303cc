using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using ZertoTasks.Hosting;

namespace ZertoTasks.Parameters
{
    /// <summary>
    /// Lets -Session take a server name (as Get-ZvmSession shows it, wildcards allowed) as well
    /// as a session object: `Get-ZvmTask -Session zvm01*` picks the open sessions that match,
    /// and a piped task finds its session by its Server property.
    /// </summary>
    internal sealed class SessionTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var sessions = new List<ZvmSession>();
            foreach (object item in Items(inputData))
            {
                object value = item is PSObject wrapped ? wrapped.BaseObject : item;
                switch (value)
                {
                    case ZvmSession session:
                        sessions.Add(session);
                        break;
                    case string name when Find(name) is List<ZvmSession> found:
                        sessions.AddRange(found);
                        break;
                    case string name when !(item is PSObject):
                        throw new ArgumentTransformationMetadataException(
                            $"No open ZVM session has a server matching '{name}'. Get-ZvmSession lists the open sessions.");
                    default:
                        // Not a session: the binder reports a clear conversion error, or, for an
                        // object piped by value (a task id: PowerShell wraps pipeline objects),
                        // binds it to the parameter it suits.
                        return inputData;
                }
            }

            return sessions.ToArray();
        }

        private static IEnumerable Items(object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is IEnumerable list && !(value is string) ? list : new[] { inputData };
        }

        /// <summary>The open sessions of that server (exactly, or else as a wildcard pattern); null if none.</summary>
        private static List<ZvmSession>? Find(string name)
        {
            SessionRegistry registry = SessionRegistry.Current;
            List<ZvmSession> found = registry.FindAll(session => string.Equals(session.Server, name, StringComparison.OrdinalIgnoreCase));
            if (found.Count == 0)
            {
                // Exact first: an IPv6 server, [::1]:9669, is not a pattern.
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                found = registry.FindAll(session => pattern.IsMatch(session.Server));
            }

            return found.Count > 0 ? found : null;
        }
    }
}
