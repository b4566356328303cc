using System;
using System.Net;
using System.Net.Http;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// Which failures of an idempotent read are worth another try, and how long to wait:
    /// Retry-After when the server gives it, else an interval that doubles, capped.
    /// </summary>
    internal sealed class RetryPolicy
    {
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

        public RetryPolicy(int maximumRetryCount, TimeSpan interval)
        {
            MaximumRetryCount = maximumRetryCount;
            Interval = interval;
        }

        public int MaximumRetryCount { get; }

        public TimeSpan Interval { get; }

        public static bool IsTransient(HttpStatusCode status) =>
            status == (HttpStatusCode)429
            || status == HttpStatusCode.BadGateway
            || status == HttpStatusCode.ServiceUnavailable
            || status == HttpStatusCode.GatewayTimeout;

        /// <param name="attempt">1 for the first retry</param>
        public TimeSpan DelayBefore(int attempt, HttpResponseMessage? response)
        {
            TimeSpan? asked = RetryAfter(response);
            if (asked.HasValue)
            {
                return asked.Value < MaxDelay ? asked.Value : MaxDelay;
            }

            double seconds = Interval.TotalSeconds * Math.Pow(2, attempt - 1);
            return seconds < MaxDelay.TotalSeconds ? TimeSpan.FromSeconds(seconds) : MaxDelay;
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage? response)
        {
            var header = response?.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (header?.Date is DateTimeOffset date)
            {
                TimeSpan wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }
    }
}
