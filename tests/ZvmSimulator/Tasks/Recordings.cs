using System;
using System.IO;

namespace ZvmSimulator.Tasks;

/// <summary>The files under Recordings/, embedded in the dll.</summary>
internal static class Recordings
{
    public static byte[] Tasks(ZvmKind kind, string? profile = null) => Read(kind, "tasks", profile);

    public static byte[] Types(ZvmKind kind) => Read($"{Prefix(kind)}-types.json");

    /// <summary>Another answer of the kind's recordings, e.g. "vpgs" for windows-vpgs.json.</summary>
    public static byte[] Read(ZvmKind kind, string answer) => Read($"{Prefix(kind)}-{answer}.json");

    /// <summary>A profile's own answer, e.g. windows-failover-vpgs.json; without a profile the default one.</summary>
    public static byte[] Read(ZvmKind kind, string answer, string? profile) =>
        Read(profile is null ? $"{Prefix(kind)}-{answer}.json" : $"{Prefix(kind)}-{profile}-{answer}.json");

    private static string Prefix(ZvmKind kind) => kind == ZvmKind.Windows ? "windows" : "appliance";

    private static byte[] Read(string file)
    {
        using var stream = typeof(Recordings).Assembly.GetManifestResourceStream("Recordings." + file)
            ?? throw new InvalidOperationException($"Recordings/{file} is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
