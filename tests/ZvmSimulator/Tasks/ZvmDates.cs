using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ZvmSimulator.Tasks;

/// <summary>The two date forms in task JSON: Windows "/Date(ms[+hhmm])/" and the appliance's ISO 8601.</summary>
internal static partial class ZvmDates
{
    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$")]
    private static partial Regex MicrosoftDate();

    public static bool TryParse(string text, out DateTime utc)
    {
        var m = MicrosoftDate().Match(text);
        if (m.Success)
        {
            // The milliseconds are UTC; the offset only tells the server's zone.
            utc = DateTime.UnixEpoch.AddMilliseconds(long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
        {
            utc = dto.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    /// <summary>Writes <paramref name="utc"/> in the same form as <paramref name="original"/> (keeping a Windows offset).</summary>
    public static string FormatLike(string original, DateTime utc)
    {
        var m = MicrosoftDate().Match(original);
        return m.Success ? Microsoft(utc, m.Groups[2].Value) : Iso(utc);
    }

    public static string Microsoft(DateTime utc, string offset = "") =>
        "/Date(" + ((utc.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + offset + ")/";

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
