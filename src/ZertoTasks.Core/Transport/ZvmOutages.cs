using System;
using System.Collections.Generic;
using System.Globalization;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// Which failures mean that a ZVM is away for a while rather than that it refused, and the
    /// outages of the ZVMs a long wait polls: since when each is away, whether it was reported,
    /// and how soon to look again. Safe to use from several polls at once.
    /// </summary>
    /// <remarks>
    /// Away: the connection refused, reset or timed out, a name that does not resolve (all
    /// ZvmUnreachable), 502/503/504, 429 (too busy to answer), and a 500 without the ZVM's own
    /// message (a service being recycled). Anything else is the ZVM's own word: a licence error,
    /// a login refused again, a task it does not know.
    /// </remarks>
    internal sealed class ZvmOutages
    {
        private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(1);

        private readonly object _lock = new object();
        private readonly Dictionary<string, Outage> _current = new Dictionary<string, Outage>(StringComparer.OrdinalIgnoreCase);

        public static bool IsOutage(ZvmException e) =>
            e.ErrorId == ErrorIds.ZvmUnreachable
            || (e.ErrorId == ErrorIds.ZvmRequestFailed && e.StatusCode is int status
                && (status == 429 || status == 502 || status == 503 || status == 504 || (status == 500 && e.ServerMessage == null)));

        /// <summary>
        /// Notes a failed look at <paramref name="server"/>. Returns the warning to write when this
        /// begins an outage (one per outage), else null.
        /// </summary>
        public string? Failed(string server, ZvmException failure, DateTime now)
        {
            lock (_lock)
            {
                if (_current.TryGetValue(server, out Outage? outage))
                {
                    outage.Failures++;
                    return null;
                }

                outage = new Outage(now);
                _current.Add(server, outage);
                return $"{server} is unreachable since {Clock(now, seconds: true)}: {failure.Message.TrimEnd('.')}. "
                    + "The wait goes on, and looks again every few seconds until the ZVM answers; only the task's end, -TimeoutSec or Ctrl+C end it.";
            }
        }

        /// <summary>Notes an answer from <paramref name="server"/>; returns the line to log when this ends an outage, else null.</summary>
        public string? Answered(string server, DateTime now)
        {
            lock (_lock)
            {
                if (!_current.TryGetValue(server, out Outage? outage))
                {
                    return null;
                }

                _current.Remove(server);
                return $"{server} answers again after being unreachable since {Clock(outage.Since, seconds: true)} ({(now - outage.Since).TotalSeconds:0} s).";
            }
        }

        /// <summary>Since when <paramref name="server"/> is away; null when it is not.</summary>
        public DateTime? Since(string server)
        {
            lock (_lock)
            {
                return _current.TryGetValue(server, out Outage? outage) ? outage.Since : (DateTime?)null;
            }
        }

        /// <summary>How long to wait before the next look: the poll interval, less while a ZVM is away (1, 2, 4... seconds, never more than the interval).</summary>
        public TimeSpan NextDelay(TimeSpan interval)
        {
            lock (_lock)
            {
                TimeSpan delay = interval;
                foreach (Outage outage in _current.Values)
                {
                    double seconds = FirstBackOff.TotalSeconds * Math.Pow(2, Math.Min(outage.Failures - 1, 16));
                    if (seconds < delay.TotalSeconds)
                    {
                        delay = TimeSpan.FromSeconds(seconds);
                    }
                }

                return delay;
            }
        }

        /// <summary>A time as the progress bar and warnings show it: 14:05 (or 14:05:09).</summary>
        public static string Clock(DateTime time, bool seconds = false) =>
            time.ToString(seconds ? "HH:mm:ss" : "HH:mm", CultureInfo.InvariantCulture);

        private sealed class Outage
        {
            public Outage(DateTime since) => Since = since;

            public DateTime Since { get; }

            public int Failures { get; set; } = 1;
        }
    }
}
