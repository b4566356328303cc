using System;

namespace ZertoTasks.Watching
{
    /// <summary>
    /// What this machine knows of a ZVM's clock, from the Date header of its answers (the ZVM's time
    /// to the second). Each answer bounds the offset (ZVM minus this machine): its Date was written
    /// between the request's sending and the answer's arrival, and cut to the second. The offset
    /// taken is the one within every bound nearest to zero, so clocks that agree as far as the
    /// answers can tell are taken to agree exactly.
    /// </summary>
    internal sealed class ZvmClock
    {
        private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

        private readonly object _lock = new object();
        private TimeSpan _lowest = TimeSpan.MinValue;
        private TimeSpan _highest = TimeSpan.MaxValue;

        /// <summary>Whether any answer has told the ZVM's time.</summary>
        public bool IsKnown => _lowest != TimeSpan.MinValue;

        /// <summary>The ZVM's clock minus this machine's; zero until an answer tells.</summary>
        public TimeSpan Offset
        {
            get
            {
                lock (_lock)
                {
                    if (!IsKnown)
                    {
                        return TimeSpan.Zero;
                    }

                    return TimeSpan.Zero < _lowest ? _lowest : TimeSpan.Zero > _highest ? _highest : TimeSpan.Zero;
                }
            }
        }

        /// <summary>Notes an answer's Date header (null: none), sent at <paramref name="sentUtc"/> and arrived at <paramref name="arrivedUtc"/> on this machine.</summary>
        public void Observe(DateTimeOffset? date, DateTime sentUtc, DateTime arrivedUtc)
        {
            if (date is not DateTimeOffset zvm)
            {
                return;
            }

            DateTime zvmUtc = zvm.UtcDateTime;
            lock (_lock)
            {
                // Date <= ZVM time at arrival; Date > ZVM time at sending minus one second.
                TimeSpan low = zvmUtc - arrivedUtc;
                TimeSpan high = zvmUtc + OneSecond - sentUtc;
                if (low > _highest || high < _lowest)
                {
                    // The ZVM's clock was set (or this machine's): what was known no longer holds.
                    _lowest = low;
                    _highest = high;
                    return;
                }

                _lowest = low > _lowest ? low : _lowest;
                _highest = high < _highest ? high : _highest;
            }
        }

        /// <summary>A time of this machine (any kind) on the ZVM's clock, UTC.</summary>
        public DateTime ToZvm(DateTime local) => DateTime.SpecifyKind(local.ToUniversalTime() + Offset, DateTimeKind.Utc);

        /// <summary>Now on the ZVM's clock, UTC.</summary>
        public DateTime ZvmNow(DateTime utcNow) => DateTime.SpecifyKind(utcNow + Offset, DateTimeKind.Utc);
    }
}
