using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ZvmSimulator.Tasks;

namespace ZvmSimulator.Reports;

/// <summary>
/// GET /v1/reports/recovery as the 10.0 U6 swagger describes it: optional startTime, endTime,
/// vpgName (several, comma-separated), recoveryType and state filters, pages of pageSize (1 to
/// 1000, default 100) numbered from 1. An unknown parameter is ignored, as a real ZVM does.
/// </summary>
internal sealed class ReportEndpoints(ReportStore store)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public void Map(RouteGroupBuilder v1) => v1.MapGet("/reports/recovery", (HttpContext context) => List(context));

    private IResult List(HttpContext context)
    {
        var query = context.Request.Query;
        string? Value(string name) => query.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value.FirstOrDefault() is { Length: > 0 } v ? v : null;
        foreach (var key in query.Keys.Where(key => !Known.Contains(key)))
        {
            RequestLog.Notes(context).Add($"unknown query parameter '{key}' ignored");
        }

        if (!TryDate(Value("startTime"), out var from) || !TryDate(Value("endTime"), out var to)
            || !TryInt(Value("pageNumber"), 1, out var page) || !TryInt(Value("pageSize"), DefaultPageSize, out var size) || size > MaxPageSize)
        {
            return Json.Message(StatusCodes.Status400BadRequest, "The request is invalid.");
        }

        var names = Value("vpgName")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var type = Value("recoveryType");
        var state = Value("state");
        var matching = store.Reports.Where(report =>
            (from is null || report.StartTime >= from) && (to is null || report.StartTime <= to)
            && (names is null || names.Contains(report.VpgName, StringComparer.OrdinalIgnoreCase))
            && (type is null || string.Equals(report.RecoveryType, type, StringComparison.OrdinalIgnoreCase))
            && (state is null || string.Equals(report.Status, state, StringComparison.OrdinalIgnoreCase)));
        var body = new MemoryStream();
        body.WriteByte((byte)'[');
        var first = true;
        foreach (var report in matching.Skip((page - 1) * size).Take(size))
        {
            if (!first)
            {
                body.WriteByte((byte)',');
            }
            first = false;
            body.Write(report.Json);
        }
        body.WriteByte((byte)']');
        return Results.Bytes(body.ToArray(), Json.ContentType);
    }

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "startTime", "endTime", "vpgName", "recoveryType", "state", "pageNumber", "pageSize",
    };

    private static bool TryDate(string? text, out DateTime? date)
    {
        date = null;
        if (text is null)
        {
            return true;
        }
        if (ZvmDates.TryParse(text, out var utc))
        {
            date = utc;
            return true;
        }
        return false;
    }

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1);
    }
}
