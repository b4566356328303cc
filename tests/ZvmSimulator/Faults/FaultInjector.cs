using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using ZvmSimulator.Auth;

namespace ZvmSimulator.Faults;

/// <summary>Queued faults, and the middleware that plays them in place of (or around) the normal answer.</summary>
internal sealed class FaultInjector(IApiAuth auth)
{
    private const string ProxyErrorPage =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
        "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private readonly List<(Fault Fault, int Left)> _queue = [];
    private readonly System.Threading.Lock _lock = new();

    public void Add(Fault fault)
    {
        lock (_lock)
        {
            _queue.Add((fault, fault.Count));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _queue.Clear();
        }
    }

    /// <summary>The first queued fault for <paramref name="path"/>, counting this use.</summary>
    private Fault? Take(string path)
    {
        lock (_lock)
        {
            var i = _queue.FindIndex(q => q.Fault.Applies(path));
            if (i < 0)
            {
                return null;
            }
            var (fault, left) = _queue[i];
            if (left == 1)
            {
                _queue.RemoveAt(i);
            }
            else
            {
                _queue[i] = (fault, left - 1);
            }
            return fault;
        }
    }

    public async Task Middleware(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.Request.Path.StartsWithSegments("/_sim") || Take(path) is not Fault fault)
        {
            await next(context);
            return;
        }
        var response = context.Response;
        switch (fault.Kind.ToLowerInvariant())
        {
            case "status":
                if (fault.RetryAfter is int seconds)
                {
                    response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                await Json.Message(fault.Status ?? StatusCodes.Status503ServiceUnavailable, fault.Message ?? "Simulated fault").ExecuteAsync(context);
                break;
            case "html":
                await Results.Text(ProxyErrorPage, "text/html", statusCode: fault.Status ?? StatusCodes.Status502BadGateway).ExecuteAsync(context);
                break;
            case "notjson":
                await Results.Text("this is not json", Json.ContentType).ExecuteAsync(context);
                break;
            case "wrongshape":
                await Results.Text("{\"tasks\": 5}", Json.ContentType).ExecuteAsync(context);
                break;
            case "delay":
                try
                {
                    await Task.Delay(fault.DelayMs, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                await next(context);
                break;
            case "reset":
                context.Abort();
                break;
            case "expire":
                auth.ExpireAll();
                await next(context);
                break;
            case "stall":
                // Goes silent in the middle of the body, as a hung ZVM or network does, then drops it.
                await ServeLimited(context, next, fault.AfterBytes, abort: true, silenceMs: fault.DelayMs);
                break;
            case "trickle":
                await Trickle(context, next, fault);
                break;
            case "keepopen":
                await KeepOpen(context, next, fault);
                break;
            case "badtask":
                await BadTask(context, next, fault);
                break;
            case "negotiate":
                response.Headers.WWWAuthenticate = new Microsoft.Extensions.Primitives.StringValues(["Negotiate", "NTLM"]);
                await Json.Message(StatusCodes.Status401Unauthorized, "Authorization has been denied for this request.").ExecuteAsync(context);
                break;
            case "busy":
                await Busy(context, fault);
                break;
            case "gzip":
                response.Headers.ContentEncoding = "gzip";
                await Results.Bytes("[{\"this is\": \"not gzip\"}]"u8.ToArray(), Json.ContentType).ExecuteAsync(context);
                break;
            default: // truncate, cut
                await ServeLimited(context, next, fault.AfterBytes, fault.Kind.Equals("truncate", StringComparison.OrdinalIgnoreCase));
                break;
        }
    }

    /// <summary>The normal answer, whole, as bytes (status and headers are set on the response).</summary>
    private static async Task<byte[]> Capture(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        context.Response.ContentLength = null;
        return captured.ToArray();
    }

    private static async Task<bool> Pause(HttpContext context, int ms)
    {
        try
        {
            await Task.Delay(ms, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A server that keeps the connection alive but sends next to nothing.</summary>
    private static async Task Trickle(HttpContext context, RequestDelegate next, Fault fault)
    {
        var body = await Capture(context, next);
        var response = context.Response;
        var first = fault.Index is int tasks ? AfterTasks(body, tasks) : (int)Math.Min(body.Length, fault.AfterBytes);
        try
        {
            await response.Body.WriteAsync(body.AsMemory(0, first), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            for (var at = first; at < body.Length; at += fault.Chunk)
            {
                if (!await Pause(context, fault.DelayMs > 0 ? fault.DelayMs : 1000))
                {
                    return;
                }
                await response.Body.WriteAsync(body.AsMemory(at, Math.Min(fault.Chunk, body.Length - at)), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    /// <summary>Where the <paramref name="count"/>th task of a task list ends (the whole body if it has fewer).</summary>
    private static int AfterTasks(byte[] body, int count)
    {
        var reader = new Utf8JsonReader(body);
        var seen = 0;
        while (seen < count && reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 1)
            {
                seen++;
            }
        }
        return seen < count ? body.Length : (int)reader.BytesConsumed;
    }

    /// <summary>The whole answer without a length, then (junk and) silence on an open connection.</summary>
    private static async Task KeepOpen(HttpContext context, RequestDelegate next, Fault fault)
    {
        var body = await Capture(context, next);
        try
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            if (fault.Message is string junk)
            {
                await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(junk), context.RequestAborted);
            }
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Pause(context, fault.DelayMs > 0 ? fault.DelayMs : 60000);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    /// <summary>The list with one task whose Progress is a value no client expects.</summary>
    private static async Task BadTask(HttpContext context, RequestDelegate next, Fault fault)
    {
        var body = await Capture(context, next);
        const string marker = "@@sim-bad-value@@";
        if (context.Response.StatusCode == StatusCodes.Status200OK && JsonNode.Parse(body) is JsonArray tasks && tasks.Count > 0)
        {
            var index = Math.Min(fault.Index ?? tasks.Count / 2, tasks.Count - 1);
            if (tasks[index] is JsonObject task
                && task.FirstOrDefault(p => p.Key.Equals("Status", StringComparison.OrdinalIgnoreCase)).Value is JsonObject status)
            {
                var progress = status.FirstOrDefault(p => p.Key.Equals("Progress", StringComparison.OrdinalIgnoreCase)).Key ?? "Progress";
                status[progress] = marker;
            }
            var text = tasks.ToJsonString(Json.Relaxed).Replace("\"" + marker + "\"", fault.Message ?? "1e400");
            body = System.Text.Encoding.UTF8.GetBytes(text);
        }
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>A busy answer with Retry-After whose body is held open: only disposing the answer frees its connection.</summary>
    private static async Task Busy(HttpContext context, Fault fault)
    {
        var response = context.Response;
        response.StatusCode = fault.Status ?? StatusCodes.Status503ServiceUnavailable;
        response.ContentType = Json.ContentType;
        response.Headers.RetryAfter = (fault.RetryAfter ?? 30).ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await response.Body.WriteAsync("{\"Message\": \"The ZVM is busy"u8.ToArray(), context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
            if (await Pause(context, fault.DelayMs > 0 ? fault.DelayMs : 60000))
            {
                await response.Body.WriteAsync("\"}"u8.ToArray(), context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    /// <summary>
    /// The normal answer, cut after <paramref name="limit"/> body bytes. With <paramref name="abort"/>
    /// the connection is then dropped (also when the body was shorter, so the client always sees a
    /// broken answer); without, the answer ends normally and its JSON is incomplete. Before the
    /// drop the connection stays silent for <paramref name="silenceMs"/> (or the client leaves).
    /// </summary>
    private static async Task ServeLimited(HttpContext context, RequestDelegate next, long limit, bool abort, int silenceMs = 0)
    {
        var original = context.Response.Body;
        async Task Abort()
        {
            await original.FlushAsync();
            // Give the bytes already flushed time to leave before the connection is dropped.
            try
            {
                await Task.Delay(Math.Max(100, silenceMs), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            context.Abort();
        }
        var limited = new ByteLimitStream(original, limit, abort ? Abort : null);
        context.Response.Body = limited;
        context.Response.OnStarting(() =>
        {
            context.Response.ContentLength = null;
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
            if (abort && !limited.Reached)
            {
                await Abort();
            }
        }
        finally
        {
            context.Response.Body = original;
        }
    }
}
