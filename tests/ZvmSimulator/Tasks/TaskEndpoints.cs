using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ZvmSimulator.Tasks;

/// <summary>GET /v1/tasks, /v1/tasks/{id} and /v1/tasks/types, behind the kind's authentication.</summary>
internal sealed class TaskEndpoints(TaskStore store, SimStats stats, TaskScripts scripts, Live.LiveTasks live)
{
    private const int ChunkSize = 64 * 1024;
    private static readonly byte[] Open = "["u8.ToArray();
    private static readonly byte[] Comma = ","u8.ToArray();
    private static readonly byte[] Close = "]"u8.ToArray();

    private readonly HashSet<string> _knownTypes =
        new(JsonSerializer.Deserialize<string[]>(store.TypesJson)!, StringComparer.OrdinalIgnoreCase);

    public void Map(RouteGroupBuilder tasks)
    {
        tasks.MapGet("", List);
        tasks.MapGet("/types", () => Results.Bytes(store.TypesJson, Json.ContentType));
        tasks.MapGet("/{taskIdentifier}", (string taskIdentifier) =>
            store.Find(taskIdentifier) is TaskEntry task
                ? Results.Bytes(scripts.Next(taskIdentifier, store.Json(task)) ?? store.Json(task), Json.ContentType)
                : live.Find(taskIdentifier)?.At(live.Clock.Now) is Live.LiveView view && !taskIdentifier.Contains(':')
                ? Results.Bytes(live.Json(view), Json.ContentType)
                : Json.Message(StatusCodes.Status404NotFound, $"Task with identifier {taskIdentifier} was not found."));
    }

    /// <summary>
    /// Streams the matching tasks' cached bytes in 64 KB writes, so 100,000 tasks cost copying
    /// and no serializing, and a client that leaves stops the work.
    /// </summary>
    private async Task List(HttpContext context)
    {
        if (TaskFilter.Parse(context.Request.Query, _knownTypes, RequestLog.Notes(context)) is not TaskFilter filter)
        {
            await Json.Message(StatusCodes.Status400BadRequest, "The request is invalid.").ExecuteAsync(context);
            return;
        }
        stats.ListStarted();
        var cancel = context.RequestAborted;
        var body = context.Response.Body;
        context.Response.ContentType = Json.ContentType;
        var chunk = new byte[ChunkSize];
        var used = 0;
        long sent = 0;
        try
        {
            async ValueTask Append(ReadOnlyMemory<byte> bytes)
            {
                sent += bytes.Length;
                if (used + bytes.Length > chunk.Length)
                {
                    await body.WriteAsync(chunk.AsMemory(0, used), cancel);
                    used = 0;
                }
                if (bytes.Length > chunk.Length)
                {
                    await body.WriteAsync(bytes, cancel);
                    return;
                }
                bytes.CopyTo(chunk.AsMemory(used));
                used += bytes.Length;
            }
            await Append(Open);
            var first = true;
            foreach (var task in store.Tasks)
            {
                if (!filter.Matches(task))
                {
                    continue;
                }
                if (!first)
                {
                    await Append(Comma);
                }
                first = false;
                await Append(store.Json(task));
            }
            // The live tasks started after the history, so they come after it.
            foreach (var view in live.Now())
            {
                if (!filter.Matches(Live.LiveTasks.Entry(view)))
                {
                    continue;
                }
                if (!first)
                {
                    await Append(Comma);
                }
                first = false;
                await Append(live.Json(view));
            }
            await Append(Close);
            await body.WriteAsync(chunk.AsMemory(0, used), cancel);
            await body.FlushAsync(cancel);
            // Kestrel's writes can succeed quietly after the connection is gone.
            cancel.ThrowIfCancellationRequested();
            stats.ListCompleted();
            RequestLog.Streamed(context, sent);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            stats.ListAborted();
        }
    }
}
