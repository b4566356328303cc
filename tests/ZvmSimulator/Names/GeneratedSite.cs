using System;

namespace ZvmSimulator.Names;

/// <summary>
/// The sites and VPGs of a --generate history: fixed ids (own seed), so the generated tasks and
/// the generated /v1/vpgs, /v1/localsite and /v1/peersites answers name the same entities.
/// </summary>
internal sealed class GeneratedSite
{
    public const int VpgCount = 1000;

    private static readonly string[] Departments =
        ["Finance", "Payroll", "Exchange", "SAP", "Web", "CRM", "FileServer", "Billing", "HR", "Logistics"];

    public static readonly GeneratedSite Instance = new();

    private GeneratedSite()
    {
        var random = new Random(20261121);
        LocalSite = NewGuid(random);
        PeerSite = NewGuid(random);
        Vpgs = new string[VpgCount];
        VpgNames = new string[VpgCount];
        for (var i = 0; i < VpgCount; i++)
        {
            Vpgs[i] = NewGuid(random);
            VpgNames[i] = $"{Departments[i % Departments.Length]}-{i + 1:D4}";
        }
    }

    public string LocalSite { get; }

    public string PeerSite { get; }

    public string[] Vpgs { get; }

    public string[] VpgNames { get; }

    public static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)(0x40 | (bytes[7] & 0x0F)); // version 4, as real ids are
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes).ToString();
    }
}
