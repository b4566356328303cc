using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;

namespace ZertoTasks.Infrastructure
{
    /// <summary>
    /// Lets -Session take a server name (as Get-ZvmSession shows it, wildcards allowed) as well
    /// as a session object: `Get-ZvmTask -Session zvm01*` picks the open sessions that match.
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
                    case string name:
                        sessions.AddRange(Find(name));
                        break;
                    default:
                        // Leave it to the binder, which reports a clear conversion error.
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

        private static List<ZvmSession> Find(string name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            List<ZvmSession> found = SessionRegistry.Current.FindAll(session => pattern.IsMatch(session.Server));
            if (found.Count == 0)
            {
                throw new ArgumentTransformationMetadataException(
                    $"No open ZVM session has a server matching '{name}'. Get-ZvmSession lists the open sessions.");
            }

            return found;
        }
    }
}
