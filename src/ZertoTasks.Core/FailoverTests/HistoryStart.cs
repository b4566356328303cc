using System;
using System.Threading.Tasks;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// Finds the day of the oldest task in a ZVM's history. The API has no ordering and no
    /// paging, so each probe asks "did any task start before this instant?"
    /// (startedBeforeDate, the answer dropped after its first task) and learns the start of
    /// one such task. Doubling steps back from the newest, then halving: about 2 log2(days)
    /// probes, at most <see cref="MaxProbes"/>.
    /// </summary>
    internal static class HistoryStart
    {
        /// <summary>More probes than a history of 30 years needs.</summary>
        public const int MaxProbes = 48;

        /// <summary>The earliest day looked at: nothing before it is asked.</summary>
        public static readonly DateTime Floor = new DateTime(2000, 1, 1);

        /// <param name="anyStartedBefore">the start (local) of some task that started before the instant given (local), or null when none did</param>
        /// <param name="today">the local day to start from</param>
        /// <param name="knownDay">a day found before: the oldest only moves forward, so one probe confirms it</param>
        /// <returns>the local day of the oldest task, null for an empty history</returns>
        public static async Task<DateTime?> FindAsync(Func<DateTime, Task<DateTime?>> anyStartedBefore, DateTime today, DateTime? knownDay = null)
        {
            int probes = 0;
            async Task<DateTime?> Probe(DateTime beforeDay)
            {
                probes++;
                DateTime? started = await anyStartedBefore(beforeDay).ConfigureAwait(false);
                return started?.Date;
            }

            // Invariants: no task before 'none' (a day start), some task before 'some'.
            DateTime none;
            DateTime some;
            if (knownDay is DateTime known)
            {
                DateTime? confirmed = await Probe(known.Date.AddDays(1)).ConfigureAwait(false);
                if (confirmed != null)
                {
                    return known.Date;
                }

                none = known.Date.AddDays(1);
                DateTime? any = await Probe(today.Date.AddDays(1)).ConfigureAwait(false);
                if (any == null)
                {
                    return null;
                }

                some = any.Value.AddDays(1);
            }
            else
            {
                DateTime? any = await Probe(today.Date.AddDays(1)).ConfigureAwait(false);
                if (any == null)
                {
                    return null;
                }

                some = any.Value.AddDays(1);
                int step = 1;
                while (true)
                {
                    DateTime candidate = some.AddDays(-step) < Floor ? Floor : some.AddDays(-step);
                    DateTime? before = await Probe(candidate).ConfigureAwait(false);
                    if (before == null)
                    {
                        none = candidate;
                        break;
                    }

                    some = before.Value.AddDays(1);
                    if (candidate == Floor || probes >= MaxProbes)
                    {
                        // Older than the floor, or too many probes: the oldest seen.
                        return before.Value;
                    }

                    step *= 2;
                }
            }

            while ((some - none).TotalDays > 1 && probes < MaxProbes)
            {
                DateTime middle = none.AddDays(Math.Floor((some - none).TotalDays / 2));
                DateTime? before = await Probe(middle).ConfigureAwait(false);
                if (before == null)
                {
                    none = middle;
                }
                else
                {
                    some = before.Value.AddDays(1);
                }
            }

            return some.AddDays(-1);
        }
    }
}
