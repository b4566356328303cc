using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ZvmSimulator.Auth;

namespace ZvmSimulator;

/// <summary>
/// One request as GET /_sim/requests shows it. Path is decoded, as routing sees it; Target is the
/// request line's target as the client sent it, still escaped. Secrets in Body are replaced by ***.
/// StartedMs and EndedMs (null while the answer is being sent) are milliseconds on one clock shared
/// by every ZVM of the process, so tests can count how many requests were served at once.
/// Bytes is the size of the answer's body (its Content-Length, or what a task list streamed), for the benchmarks' cost of a request.
/// </summary>
internal sealed record LoggedRequest(
    string Method, string Path, string Query, string Target, string Auth, string Body, int Status, IReadOnlyList<string> Notes,
    double StartedMs)
{
    public double? EndedMs { get; set; }

    public long Bytes { get; set; }
}

/// <summary>Every request except /_sim ones, so tests can check what a client really sent.</summary>
internal sealed class RequestLog
{
    private const int MaxBody = 64 * 1024;
    private static readonly string[] Secrets = ["password", "client_secret", "refresh_token"];
    private static readonly object NotesKey = new();
    private static readonly object BytesKey = new();
    private static readonly long ProcessClock = Stopwatch.GetTimestamp();

    private readonly List<LoggedRequest> _entries = [];
    private readonly Lock _lock = new();

    public LoggedRequest[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    /// <summary>Remarks for the log entry of <paramref name="context"/>, e.g. a date sent without 'Z'.</summary>
    public static List<string> Notes(HttpContext context)
    {
        if (context.Items[NotesKey] is not List<string> notes)
        {
            context.Items[NotesKey] = notes = [];
        }
        return notes;
    }

    /// <summary>For an answer streamed without a Content-Length: how many bytes of body it wrote.</summary>
    public static void Streamed(HttpContext context, long bytes) => context.Items[BytesKey] = bytes;

    public async Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/_sim"))
        {
            await next(context);
            return;
        }
        var started = Now();
        var request = context.Request;
        var body = Redact(await ReadBody(request), request.HasFormContentType);
        var logged = 0;
        LoggedRequest? entry = null;
        void Log(int status)
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                entry = new LoggedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
                    context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "", AuthKind(request), body, status, Notes(context), started);
                lock (_lock)
                {
                    _entries.Add(entry);
                }
            }
        }
        // Logged as the headers go out, so a client that has its answer finds it in the log.
        context.Response.OnStarting(() =>
        {
            Log(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        catch when (!context.Response.HasStarted)
        {
            Log(StatusCodes.Status500InternalServerError);
            throw;
        }
        finally
        {
            // Never started: the connection was dropped (status 0) or the answer is still to be sent.
            Log(context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode);
            entry!.EndedMs = Now();
            entry.Bytes = context.Items[BytesKey] is long streamed ? streamed : context.Response.ContentLength ?? 0;
        }
    }

    private static double Now() => Stopwatch.GetElapsedTime(ProcessClock).TotalMilliseconds;

    private static string AuthKind(HttpRequest request)
    {
        if (request.Headers.ContainsKey(WindowsSessions.SessionHeader))
        {
            return "session";
        }
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase) ? "bearer"
            : authorization.StartsWith("Basic", StringComparison.OrdinalIgnoreCase) ? "basic"
            : "none";
    }

    private static async Task<string> ReadBody(HttpRequest request)
    {
        request.EnableBuffering();
        var buffer = new byte[MaxBody];
        var length = 0;
        int read;
        while (length < MaxBody && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
        {
            length += read;
        }
        request.Body.Position = 0;
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static string Redact(string body, bool isForm)
    {
        if (isForm)
        {
            return string.Join('&', body.Split('&').Select(pair =>
            {
                var equals = pair.IndexOf('=');
                return equals > 0 && IsSecret(Uri.UnescapeDataString(pair[..equals].Replace('+', ' '))) ? pair[..equals] + "=***" : pair;
            }));
        }
        JsonNode? json;
        try
        {
            json = body.Length > 0 ? JsonNode.Parse(body) : null;
        }
        catch (JsonException)
        {
            return body;
        }
        return json is not null && RedactJson(json) ? json.ToJsonString(Json.Relaxed) : body;
    }

    private static bool RedactJson(JsonNode node)
    {
        var changed = false;
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (IsSecret(key))
                {
                    obj[key] = "***";
                    changed = true;
                }
                else if (obj[key] is JsonNode child)
                {
                    changed |= RedactJson(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                changed |= item is not null && RedactJson(item);
            }
        }
        return changed;
    }

    private static bool IsSecret(string name) => Secrets.Contains(name, StringComparer.OrdinalIgnoreCase);
}
