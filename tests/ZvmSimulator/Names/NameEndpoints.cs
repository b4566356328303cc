using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ZvmSimulator.Names;

/// <summary>The calls that give names: /v1/vpgs, /v1/localsite, /v1/peersites and the hosts of a virtualization site.</summary>
internal sealed class NameEndpoints(NameStore store)
{
    public void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/vpgs", () => Results.Bytes(store.Vpgs(), Json.ContentType));
        v1.MapGet("/localsite", () => Results.Bytes(store.LocalSite, Json.ContentType));
        v1.MapGet("/peersites", () => Results.Bytes(store.PeerSites, Json.ContentType));
        v1.MapGet("/virtualizationsites/{siteIdentifier}/hosts", (string siteIdentifier) =>
            string.Equals(siteIdentifier, store.HostSite, StringComparison.OrdinalIgnoreCase)
                ? Results.Bytes(store.Hosts, Json.ContentType)
                : Json.Message(StatusCodes.Status400BadRequest, $"Site with identifier {siteIdentifier} was not found."));
    }

    /// <summary>/_sim/vpgs: POST {"identifier":..,"name":..} adds or renames a VPG; DELETE /_sim/vpgs/{id} deletes one.</summary>
    public void MapHooks(RouteGroupBuilder sim)
    {
        sim.MapPost("/vpgs", async (HttpRequest request) =>
        {
            var vpg = await JsonSerializer.DeserializeAsync<VpgChange>(request.Body, Json.Web, request.HttpContext.RequestAborted);
            if (vpg is not { Identifier.Length: > 0, Name.Length: > 0 })
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Give {\"identifier\": ..., \"name\": ...}");
            }
            store.SetVpg(vpg.Identifier, vpg.Name);
            return Results.NoContent();
        });
        sim.MapDelete("/vpgs/{identifier}", (string identifier) => store.RemoveVpg(identifier)
            ? Results.NoContent()
            : Json.Message(StatusCodes.Status404NotFound, $"No VPG {identifier}."));
    }

    private sealed record VpgChange(string Identifier, string Name);
}
