using System;
using System.Collections.Generic;
using System.Linq;

namespace ZertoTasks.Names
{
    /// <summary>
    /// The look-ups that failed in one listing of one session, whichever of its reads met them,
    /// for the one warning that names them all. Only the first listing of a session with a
    /// failure warns; later listings say it in the verbose stream.
    /// </summary>
    internal sealed class LookupFailures
    {
        private readonly ZvmSession _session;
        private readonly List<KeyValuePair<string, string>> _failed = new List<KeyValuePair<string, string>>();

        public LookupFailures(ZvmSession session) => _session = session;

        /// <summary>Notes that a look-up failed; a look-up met by several reads is noted once.</summary>
        /// <param name="what">what the names are of, and whence: "VPG names (GET /v1/vpgs)"</param>
        /// <param name="why">why it failed</param>
        public void Add(string what, string why)
        {
            lock (_failed)
            {
                if (!_failed.Any(failed => failed.Key == what))
                {
                    _failed.Add(new KeyValuePair<string, string>(what, why));
                }
            }
        }

        /// <summary>
        /// Once the listing of the session has ended: hands the warning that names every failed
        /// look-up to <paramref name="warningOnce"/>, with the question whether it is the
        /// session's first; a session that has warned before says it in the verbose stream.
        /// </summary>
        public void Report(Action<string, Func<bool>> warningOnce)
        {
            string failed;
            lock (_failed)
            {
                if (_failed.Count == 0)
                {
                    return;
                }

                failed = string.Join(" ", _failed.Select(f => $"{f.Key} failed: {f.Value.TrimEnd('.')}."));
            }

            warningOnce(
                $"Names of {_session.Server} could not be looked up, so its tasks show identifiers where names are missing. {failed} " +
                "This warning is given once per session; -Verbose shows later failures.",
                NameDirectory.Of(_session).IsFirstWarning);
        }
    }
}
