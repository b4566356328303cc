using System;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

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

        public static bool TryParse(string text, out DateTime local)
        {
            if (text.StartsWith(MicrosoftPrefix, StringComparison.Ordinal))
            {
                return TryParseMicrosoft(Encoding.UTF8.GetBytes(text), out local);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                local = parsed.UtcDateTime.ToLocalTime();
                return true;
            }

            local = default;
            return false;
        }

        /// <summary>
        /// A Microsoft JSON date, straight from the UTF-8 bytes of the JSON string (a Windows ZVM
        /// sends two per task, so a list of 100,000 tasks should not make 200,000 strings for them).
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static bool TryParseMicrosoft(ReadOnlySpan<byte> utf8, out DateTime local)
        {
            local = default;
            if (!utf8.StartsWith("/Date("u8) || !utf8.EndsWith(")/"u8))
            {
                return false;
            }

            // The milliseconds are UTC whatever offset follows them; the offset only says
            // which zone the server was in, so it is ignored.
            ReadOnlySpan<byte> inner = utf8.Slice(MicrosoftPrefix.Length, utf8.Length - MicrosoftPrefix.Length - 2);
            if (!Utf8Parser.TryParse(inner, out long milliseconds, out int used)
                || (used < inner.Length && inner[used] != (byte)'+' && inner[used] != (byte)'-'))
            {
                return false;
            }

            try
            {
                local = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime.ToLocalTime();
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
