using System;
using System.Globalization;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Reads the two date forms ZVMs send: Microsoft JSON dates from a Windows ZVM
    /// ("/Date(1520423877045)/", optionally "/Date(928142400000+0300)/") and ISO 8601
    /// from an appliance. Returns local time, so values compare correctly with Get-Date.
    /// </summary>
    internal static class ZvmDate
    {
        private const string MicrosoftPrefix = "/Date(";
        private const string MicrosoftSuffix = ")/";

        public static bool TryParse(string text, out DateTime local)
        {
            local = default;
            if (text.StartsWith(MicrosoftPrefix, StringComparison.Ordinal) && text.EndsWith(MicrosoftSuffix, StringComparison.Ordinal))
            {
                return TryParseMicrosoft(text.Substring(MicrosoftPrefix.Length, text.Length - MicrosoftPrefix.Length - MicrosoftSuffix.Length), out local);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                local = parsed.UtcDateTime.ToLocalTime();
                return true;
            }

            return false;
        }

        // The milliseconds are UTC whatever offset follows them; the offset only says
        // which zone the server was in, so it is ignored.
        private static bool TryParseMicrosoft(string inner, out DateTime local)
        {
            local = default;
            int offsetAt = inner.Length > 1 ? inner.IndexOfAny(new[] { '+', '-' }, 1) : -1;
            string milliseconds = offsetAt > 0 ? inner.Substring(0, offsetAt) : inner;
            if (!long.TryParse(milliseconds, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms))
            {
                return false;
            }

            try
            {
                local = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToLocalTime();
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        /// <summary>The form the ZVM's date filters take: UTC with a trailing Z.</summary>
        public static string ToQueryValue(DateTime value) =>
            value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
