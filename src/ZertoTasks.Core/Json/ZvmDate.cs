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

        /// <summary>
        /// The ISO 8601 form an appliance sends, yyyy-MM-ddTHH:mm:ss with up to seven digits of
        /// fraction and Z or an offset, straight from its UTF-8 bytes. False for any other form,
        /// which <see cref="TryParse"/> then reads from its text.
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static bool TryParseIso(ReadOnlySpan<byte> utf8, out DateTime local)
        {
            local = default;
            if (utf8.Length < 20 || utf8[4] != (byte)'-' || utf8[7] != (byte)'-' || (utf8[10] != (byte)'T' && utf8[10] != (byte)'t')
                || utf8[13] != (byte)':' || utf8[16] != (byte)':'
                || !TryDigits(utf8, 0, 4, out int year) || !TryDigits(utf8, 5, 2, out int month) || !TryDigits(utf8, 8, 2, out int day)
                || !TryDigits(utf8, 11, 2, out int hour) || !TryDigits(utf8, 14, 2, out int minute) || !TryDigits(utf8, 17, 2, out int second))
            {
                return false;
            }

            int i = 19;
            long ticks = 0;
            if (utf8[i] == (byte)'.')
            {
                int digits = 0;
                for (i++; i < utf8.Length && utf8[i] >= (byte)'0' && utf8[i] <= (byte)'9'; i++, digits++)
                {
                    if (digits < 7)
                    {
                        ticks = (ticks * 10) + (utf8[i] - '0');
                    }
                }

                if (digits == 0)
                {
                    return false;
                }

                for (; digits < 7; digits++)
                {
                    ticks *= 10;
                }
            }

            TimeSpan offset;
            if (i == utf8.Length - 1 && (utf8[i] == (byte)'Z' || utf8[i] == (byte)'z'))
            {
                offset = TimeSpan.Zero;
            }
            else if (i == utf8.Length - 6 && (utf8[i] == (byte)'+' || utf8[i] == (byte)'-') && utf8[i + 3] == (byte)':'
                && TryDigits(utf8, i + 1, 2, out int offsetHours) && TryDigits(utf8, i + 4, 2, out int offsetMinutes))
            {
                offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                offset = utf8[i] == (byte)'-' ? -offset : offset;
            }
            else
            {
                return false;
            }

            try
            {
                var value = new DateTimeOffset(year, month, day, hour, minute, second, offset).AddTicks(ticks);
                local = value.UtcDateTime.ToLocalTime();
                return true;
            }
            catch (ArgumentOutOfRangeException)
            {
                return false;
            }
        }

        private static bool TryDigits(ReadOnlySpan<byte> utf8, int start, int count, out int value)
        {
            value = 0;
            for (int i = start; i < start + count; i++)
            {
                if (utf8[i] < (byte)'0' || utf8[i] > (byte)'9')
                {
                    return false;
                }

                value = (value * 10) + (utf8[i] - '0');
            }

            return true;
        }

        /// <summary>
        /// Why <paramref name="text"/>, which <see cref="TryParse"/> refused, is no date, in the
        /// words an error uses after "Started is '...', ": "a date beyond 9999-12-31".
        /// </summary>
        public static string Flaw(string text)
        {
            if (text.StartsWith(MicrosoftPrefix, StringComparison.Ordinal) && text.EndsWith(")/", StringComparison.Ordinal))
            {
                string inner = text.Substring(MicrosoftPrefix.Length, text.Length - MicrosoftPrefix.Length - 2);
                int end = inner.IndexOfAny(new[] { '+', '-' }, 1);
                string number = end < 0 ? inner : inner.Substring(0, end);
                if (number.Length > 0 && IsInteger(number))
                {
                    bool negative = number[0] == '-';
                    if (!long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long milliseconds))
                    {
                        return negative ? "a date before 0001-01-01" : "a date beyond 9999-12-31";
                    }

                    if (milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
                    {
                        return "a date beyond 9999-12-31";
                    }

                    if (milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds())
                    {
                        return "a date before 0001-01-01";
                    }
                }

                return "not a date: a Microsoft JSON date is /Date(milliseconds)/, optionally with an offset such as +0300";
            }

            return text.Length >= 10 && IsInteger(text.Substring(0, 4)) && text[4] == '-' && text[7] == '-'
                ? "not a valid date"
                : "not a date (neither /Date(milliseconds)/ nor ISO 8601)";
        }

        private static bool IsInteger(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (!(char.IsDigit(text[i]) || (i == 0 && text[i] == '-' && text.Length > 1)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The form the ZVM's date filters take: UTC with a trailing Z.</summary>
        public static string ToQueryValue(DateTime value) =>
            value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
