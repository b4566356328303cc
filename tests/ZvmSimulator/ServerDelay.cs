using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZvmSimulator;

/// <summary>
/// A busy ZVM's think time: every request whose path starts with <see cref="Path"/> waits
/// <see cref="Milliseconds"/> before it is answered (not /_sim ones). Set with --delay-ms and
/// --delay-path, changed at run time with POST /_sim/delay {"ms": 300, "path": "/v1/tasks"}.
/// Unlike the one-shot "delay" fault it applies to every request, from any number of clients at once.
/// </summary>
internal sealed class ServerDelay(int milliseconds, string path)
{
    private Setting _setting = new(milliseconds, path);

    public sealed record Setting(int Ms, string Path)
    {
        /// <summary>Null when valid, else what is wrong.</summary>
        public string? Problem() =>
            Ms < 0 ? "ms cannot be negative"
            : string.IsNullOrEmpty(Path) || !Path.StartsWith('/') ? "path must start with '/'"
            : null;
    }

    public Setting Current => Volatile.Read(ref _setting);

    public void Set(Setting setting) => Volatile.Write(ref _setting, setting);

    public async Task Middleware(HttpContext context, RequestDelegate next)
    {
        var setting = Current;
        var path = context.Request.Path.Value ?? "";
        if (setting.Ms > 0 && !context.Request.Path.StartsWithSegments("/_sim")
            && path.StartsWith(setting.Path, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                await Task.Delay(setting.Ms, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await next(context);
    }
}
