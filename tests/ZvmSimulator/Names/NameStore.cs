using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZvmSimulator.Tasks;

namespace ZvmSimulator.Names;

/// <summary>
/// What /v1/vpgs, /v1/localsite, /v1/peersites and /v1/virtualizationsites/{id}/hosts answer, in
/// the kind's shape: the recordings, or for --generate the generated site's 1,000 VPGs made from
/// the recorded ones. VPGs can be added, renamed and deleted through /_sim/vpgs.
/// </summary>
internal sealed class NameStore
{
    private readonly List<JsonObject> _vpgs;
    private readonly JsonObject _vpgTemplate;
    private readonly System.Threading.Lock _lock = new();
    private byte[]? _vpgsJson;

    private NameStore(List<JsonObject> vpgs, byte[] localSite, byte[] peerSites, byte[] hosts)
    {
        _vpgs = vpgs;
        _vpgTemplate = (JsonObject)vpgs.First(vpg => Identifier(vpg, "VpgIdentifier") is not null).DeepClone();
        LocalSite = localSite;
        PeerSites = peerSites;
        Hosts = hosts;
        var hostIds = JsonNode.Parse(hosts)!.AsArray().Select(host => Identifier(host!.AsObject(), "HostIdentifier")!);
        HostSite = hostIds.Select(id => id[..id.IndexOf('.')]).First();
    }

    public byte[] LocalSite { get; }

    public byte[] PeerSites { get; }

    /// <summary>The hosts of <see cref="HostSite"/>, the one virtualization site the recorded tasks' hosts are in.</summary>
    public byte[] Hosts { get; }

    public string HostSite { get; }

    public static NameStore Recorded(ZvmKind kind, string? profile = null) => new(
        VpgList(Recordings.Read(kind, "vpgs", profile)), Recordings.Read(kind, "localsite"), Recordings.Read(kind, "peersites"), Recordings.Read(kind, "hosts"));

    /// <summary>The recorded shapes, with the generated site's ids and the first <paramref name="vpgCount"/> of its 1,000 VPGs.</summary>
    public static NameStore Generated(ZvmKind kind, int vpgCount = GeneratedSite.VpgCount)
    {
        var site = GeneratedSite.Instance;
        var recorded = Recorded(kind);
        var vpgs = new List<JsonObject>(vpgCount);
        for (var i = 0; i < vpgCount; i++)
        {
            vpgs.Add(recorded.NewVpg(site.Vpgs[i], site.VpgNames[i]));
        }
        var local = JsonNode.Parse(recorded.LocalSite)!.AsObject();
        SetIdentifier(local, "SiteIdentifier", site.LocalSite);
        var peers = JsonNode.Parse(recorded.PeerSites)!.AsArray();
        SetIdentifier(peers[0]!.AsObject(), "SiteIdentifier", site.PeerSite);
        return new NameStore(vpgs, Bytes(local), Bytes(peers), recorded.Hosts);
    }

    public byte[] Vpgs()
    {
        lock (_lock)
        {
            return _vpgsJson ??= Bytes(new JsonArray(_vpgs.Select(vpg => (JsonNode)vpg.DeepClone()).ToArray()));
        }
    }

    /// <summary>Renames the VPG, or adds it (a VPG created since) in the shape of the recorded ones.</summary>
    public void SetVpg(string identifier, string name)
    {
        lock (_lock)
        {
            var vpg = Find(identifier);
            if (vpg is null)
            {
                _vpgs.Add(NewVpg(identifier, name));
            }
            else
            {
                vpg[Key(vpg, "VpgName")] = name;
            }
            _vpgsJson = null;
        }
    }

    /// <summary>False when no VPG has the id.</summary>
    public bool RemoveVpg(string identifier)
    {
        lock (_lock)
        {
            _vpgsJson = null;
            return Find(identifier) is JsonObject vpg && _vpgs.Remove(vpg);
        }
    }

    private JsonObject? Find(string identifier) =>
        _vpgs.FirstOrDefault(vpg => string.Equals(Identifier(vpg, "VpgIdentifier"), identifier, StringComparison.OrdinalIgnoreCase));

    private JsonObject NewVpg(string identifier, string name)
    {
        var vpg = (JsonObject)_vpgTemplate.DeepClone();
        SetIdentifier(vpg, "VpgIdentifier", identifier);
        vpg[Key(vpg, "VpgName")] = name;
        return vpg;
    }

    private static List<JsonObject> VpgList(byte[] json) => JsonNode.Parse(json)!.AsArray().Select(vpg => vpg!.AsObject()).ToList();

    /// <summary>The Windows shape's own field (any case), else link.identifier.</summary>
    private static string? Identifier(JsonObject entity, string property) =>
        (entity[Key(entity, property)] ?? entity[Key(entity, "Link")]?[ "identifier"])?.GetValue<string>();

    private static void SetIdentifier(JsonObject entity, string property, string identifier)
    {
        var key = Key(entity, property);
        if (entity.ContainsKey(key))
        {
            entity[key] = identifier;
        }
        if (entity[Key(entity, "Link")] is JsonObject link && link["identifier"]?.GetValue<string>() is string old)
        {
            link["identifier"] = identifier;
            if (link["href"]?.GetValue<string>() is string href)
            {
                link["href"] = href.Replace(old, identifier, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    /// <summary>The property's name as the entity spells it (either casing); camelCase when it has none.</summary>
    private static string Key(JsonObject entity, string name) =>
        entity.Select(p => p.Key).FirstOrDefault(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
        ?? (entity.Any(p => char.IsUpper(p.Key[0])) ? name : char.ToLowerInvariant(name[0]) + name[1..]);

    private static byte[] Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Json.Relaxed);
}
