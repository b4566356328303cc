using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ZvmSimulator.Tasks;

namespace ZvmSimulator.Live;

/// <summary>
/// The live-mode hooks under /_sim: the ZVM's clock, and tasks that a test starts and moves.
/// POST /_sim/live/tasks {"type":"FailOverTest","startInMs":0 (negative: it started that long ago),"vpgs":["id"],"steps":[{"atMs":1000,"state":4,"progress":40,"completeReason":"..."}]}
/// answers {"identifier":..., "started":...}; POST /_sim/live/tasks/{id} {"state":6,"progress":100} changes it now.
/// </summary>
internal static class LiveEndpoints
{
    internal sealed record NewTask(string? Type, double StartInMs, LiveStep[]? Steps, string[]? Vpgs);

    internal sealed record Change(int State, int Progress, string? CompleteReason);

    internal sealed record ClockSetting(double OffsetSeconds);

    public static void Map(RouteGroupBuilder sim, LiveTasks live)
    {
        sim.MapGet("/clock", () => Results.Json(new { offsetSeconds = live.Clock.Offset.TotalSeconds, now = ZvmDates.Iso(live.Clock.Now) }, Json.Web));
        sim.MapPost("/clock", async (HttpRequest request) =>
        {
            if (await ReadAsync<ClockSetting>(request) is not ClockSetting setting)
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Give {\"offsetSeconds\": N}");
            }
            live.Clock.Offset = TimeSpan.FromSeconds(setting.OffsetSeconds);
            return Results.Json(new { offsetSeconds = setting.OffsetSeconds, now = ZvmDates.Iso(live.Clock.Now) }, Json.Web);
        });
        sim.MapGet("/live/tasks", () => Results.Json(live.Now(), Json.Web));
        sim.MapPost("/live/tasks", async (HttpRequest request) =>
        {
            var task = await ReadAsync<NewTask>(request);
            if (task is null || task.Steps?.Any(step => step.AtMs < 0 || step.State is < 0 or > 7) == true)
            {
                return Json.Message(StatusCodes.Status400BadRequest,
                    "Give {\"type\":\"FailOverTest\",\"startInMs\":0,\"steps\":[{\"atMs\":1000,\"state\":6,\"progress\":100}]}: steps at 0 ms or later, states 0-7");
            }
            var added = live.Add(task.Type ?? "FailOverTest", task.StartInMs, task.Steps ?? [], task.Vpgs);
            return Results.Json(new { identifier = added.Id, started = ZvmDates.Iso(added.Started) }, Json.Web);
        });
        sim.MapPost("/live/tasks/{taskIdentifier}", async (string taskIdentifier, HttpRequest request) =>
        {
            if (live.Find(taskIdentifier) is not LiveTask task)
            {
                return Json.Message(StatusCodes.Status404NotFound, $"No live task {taskIdentifier}.");
            }
            if (await ReadAsync<Change>(request) is not Change change || change.State is < 0 or > 7)
            {
                return Json.Message(StatusCodes.Status400BadRequest, "Give {\"state\":6,\"progress\":100,\"completeReason\":\"...\"}");
            }
            task.SetNow(live.Clock.Now, change.State, change.Progress, change.CompleteReason);
            return Results.NoContent();
        });
        sim.MapDelete("/live/tasks", () =>
        {
            live.Clear();
            return Results.NoContent();
        });
    }

    private static async Task<T?> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Json.Web, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
