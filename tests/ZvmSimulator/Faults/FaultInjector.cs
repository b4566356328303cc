using System;
using System.Collections.Generic;
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
            default: // truncate, cut
                await ServeLimited(context, next, fault.AfterBytes, fault.Kind.Equals("truncate", StringComparison.OrdinalIgnoreCase));
                break;
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
