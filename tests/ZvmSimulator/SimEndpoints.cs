using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using ZvmSimulator.Auth;
using ZvmSimulator.Faults;
using ZvmSimulator.Tasks;

namespace ZvmSimulator;

/// <summary>The /_sim test hooks. No authentication; never logged in /_sim/requests.</summary>
internal static class SimEndpoints
{
    public static void Map(WebApplication app, RequestLog log, FaultInjector faults, ServerDelay delay, IApiAuth auth, SimStats stats, TaskScripts scripts, X509Certificate2? certificate, Outage outage)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/requests", () => Results.Json(log.Snapshot(), Json.Web));
        sim.MapDelete("/requests", () =>
        {
            log.Clear();
            return Results.NoContent();
        });
        sim.MapPost("/faults", (HttpRequest request) => AddFault(request, faults));
        sim.MapDelete("/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        sim.MapGet("/delay", () => Results.Json(delay.Current, Json.Web));
        sim.MapPost("/delay", async (HttpRequest request) =>
        {
            ServerDelay.Setting? setting;
            try
            {
                setting = await JsonSerializer.DeserializeAsync<ServerDelay.Setting>(request.Body, Json.Web, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Bad delay JSON: " + e.Message);
            }
            setting = setting is null ? null : setting with { Path = setting.Path ?? "/" };
            if ((setting is null ? "no delay given" : setting.Problem()) is string problem)
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Bad delay: " + problem);
            }
            delay.Set(setting!);
            return Results.Json(setting, Json.Web);
        });
        // {"seconds": 20, "mode": "refuse" | "503", "forgetSessions": true}: see Outage.
        sim.MapPost("/outage", async (HttpRequest request) =>
        {
            Outage.Setting? setting;
            try
            {
                setting = await JsonSerializer.DeserializeAsync<Outage.Setting>(request.Body, Json.Web, request.HttpContext.RequestAborted);
            }
            catch (JsonException e)
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Bad outage JSON: " + e.Message);
            }
            if ((setting is null ? "no outage given" : setting.Problem()) is string problem)
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Bad outage: " + problem);
            }
            outage.Start(setting!);
            return Results.Json(setting, Json.Web);
        });
        sim.MapPost("/expire", () =>
        {
            auth.ExpireAll();
            return Results.NoContent();
        });
        sim.MapPost("/tasks/{taskIdentifier}/steps", async (string taskIdentifier, HttpRequest request) =>
        {
            var steps = await JsonSerializer.DeserializeAsync<TaskStep[]>(request.Body, Json.Web, request.HttpContext.RequestAborted);
            if (steps is not { Length: > 0 })
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Give at least one step: [{\"state\":1,\"progress\":40}]");
            }
            scripts.Set(taskIdentifier, steps);
            return Results.NoContent();
        });
        sim.MapGet("/stats", () => Results.Json(stats.Snapshot(), Json.Web));
        // For tests that no token ever leaks into the client's output.
        sim.MapGet("/issued-tokens", () => Results.Json(auth.IssuedTokens, Json.Web));
        // For tests that a session logged out can no longer be used.
        sim.MapGet("/live-tokens", () => Results.Json(auth.LiveTokens, Json.Web));
        // For tests of certificate pinning: what a client would have to trust.
        sim.MapGet("/certificate", () => certificate is null
            ? Json.Message(StatusCodes.Status404NotFound, "Not listening on HTTPS.")
            : Results.Json(new
            {
                subject = certificate.Subject,
                thumbprint = certificate.Thumbprint,
                sha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256),
                pem = certificate.ExportCertificatePem(),
            }, Json.Web));
        sim.MapPost("/shutdown", (IHostApplicationLifetime lifetime) =>
        {
            // The host answers this request before it stops.
            lifetime.StopApplication();
            return Results.NoContent();
        });
    }

    /// <summary>
    /// POST /_sim/password {"password": "..."}: the user's password changes, as in the directory;
    /// later logins need the new one, and the sessions open stay open.
    /// </summary>
    public static void MapPassword(WebApplication app, SimulatorOptions options) =>
        app.MapPost("/_sim/password", async (HttpRequest request) =>
        {
            var body = await System.Text.Json.Nodes.JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (body?["password"]?.GetValue<string>() is not { Length: > 0 } password)
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Give the new password: {\"password\":\"...\"}");
            }
            options.Password = password;
            return Results.NoContent();
        });

    private static async Task<IResult> AddFault(HttpRequest request, FaultInjector faults)
    {
        Fault? fault;
        try
        {
            fault = await JsonSerializer.DeserializeAsync<Fault>(request.Body, Json.Web, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return Json.Message(StatusCodes.Status400BadRequest, "Bad fault JSON: " + e.Message);
        }
        if ((fault is null ? "no fault given" : fault.Problem()) is string problem)
        {
            return Json.Message(StatusCodes.Status400BadRequest, "Bad fault: " + problem);
        }
        faults.Add(fault!);
        return Results.Json(fault, Json.Web);
    }
}
