using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using ZvmSimulator.Auth;

namespace ZvmSimulator.Faults;

/// <summary>
/// The ZVM goes away for a while, as a ZVM restarting or a dropped link to the site does
/// (POST /_sim/outage): for <see cref="Setting.Seconds"/> it refuses every connection
/// ("refuse": new connections are dropped at once, API requests on open ones too) or answers
/// every API request 503 ("503"). With <see cref="Setting.ForgetSessions"/> it comes back
/// without the sessions it had, as a restarted ZVM does. /_sim requests on an open connection
/// are still served.
/// </summary>
internal sealed class Outage(IApiAuth auth)
{
    private long _untilTicks;
    private int _refuse;

    /// <summary>As posted to /_sim/outage.</summary>
    internal sealed record Setting(double Seconds, string Mode = "refuse", bool ForgetSessions = false)
    {
        public string? Problem() =>
            Seconds < 0 || Seconds > 3600 ? "seconds must be 0-3600"
            : !string.Equals(Mode, "refuse", StringComparison.OrdinalIgnoreCase) && Mode != "503" ? "mode must be 'refuse' or '503'"
            : null;
    }

    public bool Active => DateTime.UtcNow.Ticks < Interlocked.Read(ref _untilTicks);

    private bool Refusing => Active && Volatile.Read(ref _refuse) == 1;

    public void Start(Setting setting)
    {
        if (setting.ForgetSessions)
        {
            // Forgotten now: no request reaches the ZVM until it is back.
            auth.ExpireAll();
        }
        Volatile.Write(ref _refuse, string.Equals(setting.Mode, "refuse", StringComparison.OrdinalIgnoreCase) ? 1 : 0);
        Interlocked.Exchange(ref _untilTicks, DateTime.UtcNow.AddSeconds(setting.Seconds).Ticks);
    }

    /// <summary>Before TLS and HTTP: a refusing ZVM drops a new connection at once.</summary>
    public async Task OnConnection(ConnectionContext connection, Func<Task> next)
    {
        if (Refusing)
        {
            connection.Abort();
            return;
        }
        await next();
    }

    public async Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (!Active || context.Request.Path.StartsWithSegments("/_sim"))
        {
            await next(context);
            return;
        }
        if (Refusing)
        {
            context.Abort();
            return;
        }
        await Results.Text("<html><body><h1>Service Unavailable</h1></body></html>", "text/html", statusCode: StatusCodes.Status503ServiceUnavailable)
            .ExecuteAsync(context);
    }
}

/// <summary>
/// Counts the open connections that carried an API request (not only /_sim ones), for tests
/// that a client leaves no connection behind: GET /_sim/stats, openConnections.
/// </summary>
internal sealed class ConnectionCount
{
    private readonly ConcurrentDictionary<string, bool> _open = new();
    private int _api;

    public int OpenApiConnections => Volatile.Read(ref _api);

    public async Task OnConnection(ConnectionContext connection, Func<Task> next)
    {
        _open[connection.ConnectionId] = false;
        try
        {
            await next();
        }
        finally
        {
            if (_open.TryRemove(connection.ConnectionId, out bool api) && api)
            {
                Interlocked.Decrement(ref _api);
            }
        }
    }

    public Task Middleware(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/_sim") && _open.TryUpdate(context.Connection.Id, true, false))
        {
            Interlocked.Increment(ref _api);
        }
        return next(context);
    }
}
