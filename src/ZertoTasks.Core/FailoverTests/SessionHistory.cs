using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Listing;
using ZertoTasks.Transport;
using ZertoTasks.Json;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// What Get-ZvmFailoverTest keeps per session: the day the ZVM's task history starts (found
    /// by <see cref="HistoryStart"/>, then trusted for <see cref="Life"/> and confirmed with one
    /// probe after that, as the oldest task only moves forward), and whether the session has
    /// warned that its recovery reports cannot be read.
    /// </summary>
    internal sealed class SessionHistory
    {
        /// <summary>How long a found history start is used without asking the ZVM again.</summary>
        public static readonly TimeSpan Life = TimeSpan.FromMinutes(5);

        private static readonly ConditionalWeakTable<ZvmSession, SessionHistory> PerSession = new ConditionalWeakTable<ZvmSession, SessionHistory>();

        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private DateTime? _startDay;
        private bool _known;
        private DateTime _checkedAtUtc;
        private int _reportsWarned;

        public static SessionHistory Of(ZvmSession session) => PerSession.GetValue(session, _ => new SessionHistory());

        /// <summary>True the first time only: a session warns once that its reports cannot be read.</summary>
        public bool ClaimReportWarning() => Interlocked.Exchange(ref _reportsWarned, 1) == 0;

        /// <summary>The local day of the oldest task of the session's ZVM; null for an empty history.</summary>
        public async Task<DateTime?> StartDayAsync(ZvmSession session, IZvmLog log, CancellationToken cancellation)
        {
            await _gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                if (_known && DateTime.UtcNow - _checkedAtUtc < Life)
                {
                    return _startDay;
                }

                int probes = 0;
                DateTime? found = await HistoryStart.FindAsync(
                    before =>
                    {
                        probes++;
                        return AnyStartedBeforeAsync(session, before, log, cancellation);
                    },
                    DateTime.Now,
                    _known ? _startDay : null).ConfigureAwait(false);
                log.Verbose($"{session.Server}: its task history starts {(found == null ? "nowhere (no task)" : $"on {found:yyyy-MM-dd}")} ({probes} probe(s) of GET /v1/tasks?startedBeforeDate=...).");
                _startDay = found;
                _known = true;
                _checkedAtUtc = DateTime.UtcNow;
                return found;
            }
            finally
            {
                _gate.Release();
            }
        }

        // One cheap probe: the answer is dropped after its first task.
        private static async Task<DateTime?> AnyStartedBeforeAsync(ZvmSession session, DateTime before, IZvmLog log, CancellationToken cancellation)
        {
            var query = new TaskQuery { StartedBefore = before };
            using TaskListReader tasks = await TaskEndpoints.OpenTaskListAsync(session, query, log, cancellation).ConfigureAwait(false);
            ZvmTask? first = await tasks.ReadNextAsync().ConfigureAwait(false);
            return first == null ? (DateTime?)null : first.Started ?? before.AddDays(-1);
        }
    }
}
