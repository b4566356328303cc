using System;
using System.Threading.Tasks;
using ZertoTasks.Transport;

namespace ZertoTasks.Names
{
    /// <summary>
    /// One look-up of one session (its VPGs, its sites, the hosts of one site), cached: a
    /// listing uses the table while it is younger than <see cref="Life"/>, and concurrent
    /// listings share one call in flight. A failure is cached as well, so a user without the
    /// right is not asked again on every listing.
    /// </summary>
    internal sealed class NameSource
    {
        /// <summary>How long names are trusted: VPGs are renamed, created and deleted, but rarely.</summary>
        public static readonly TimeSpan Life = TimeSpan.FromMinutes(5);

        private readonly Func<IZvmLog, Task<NameTable>> _fetch;
        private readonly Func<DateTime> _utcNow;
        private readonly object _gate = new object();
        private Task<NameTable>? _current;
        private DateTime _startedAtUtc;

        /// <param name="what">what the names are of, and whence: "VPG names (GET /v1/vpgs)"</param>
        /// <param name="fetch">the call; it must turn its own failures into a failed table, never throw</param>
        public NameSource(string what, Func<IZvmLog, Task<NameTable>> fetch, Func<DateTime>? utcNow = null)
        {
            What = what;
            _fetch = fetch;
            _utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        public string What { get; }

        /// <summary>The cached table, or a call for a fresh one when there is none or it is older than <see cref="Life"/>.</summary>
        public Task<NameTable> Current(IZvmLog log)
        {
            lock (_gate)
            {
                if (_current == null || (_current.IsCompleted && _utcNow() - _startedAtUtc > Life))
                {
                    Start(log);
                }

                return _current!;
            }
        }

        /// <summary>
        /// A fresh table, unless the cached one was asked for at or after <paramref name="notBeforeUtc"/>
        /// (then it is as fresh as a refresh would be) or a call is in flight.
        /// </summary>
        public Task<NameTable> Refresh(DateTime notBeforeUtc, IZvmLog log)
        {
            lock (_gate)
            {
                if (_current == null || (_current.IsCompleted && _startedAtUtc < notBeforeUtc))
                {
                    Start(log);
                }

                return _current!;
            }
        }

        private void Start(IZvmLog log)
        {
            _startedAtUtc = _utcNow();
            _current = _fetch(log);
        }
    }
}
