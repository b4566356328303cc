using System;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ZvmSimulator.Live;

/// <summary>
/// The simulated ZVM's clock: the host's time plus an offset (--clock-offset, POST /_sim/clock),
/// as a ZVM whose clock is minutes off. Every answer's Date header and the live tasks' times follow it.
/// </summary>
internal sealed class SimClock(TimeSpan offset)
{
    private long _offsetTicks = offset.Ticks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(System.Threading.Interlocked.Read(ref _offsetTicks));
        set => System.Threading.Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    /// <summary>Now on the ZVM's clock, UTC, to the millisecond as a ZVM writes task times.</summary>
    public DateTime Now
    {
        get
        {
            var now = DateTime.UtcNow + Offset;
            return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        }
    }

    /// <summary>Sets the Date header of every answer (including /_sim ones) from this clock, to the second as HTTP has it.</summary>
    public async Task Middleware(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.Date = Now.ToString("R", CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        await next(context);
    }
}
