using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ZvmSimulator.Tasks;

/// <summary>The query of GET /v1/tasks. Names are case-insensitive; an empty value is no filter.</summary>
internal sealed class TaskFilter
{
    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "startedBeforeDate", "startedAfterDate", "completedBeforeDate", "completedAfterDate", "type", "status",
    };

    private DateTime? _startedBefore;
    private DateTime? _startedAfter;
    private DateTime? _completedBefore;
    private DateTime? _completedAfter;
    private string? _type;
    private int? _state;

    /// <summary>
    /// Null when a value cannot be read (the server answers 400). <paramref name="knownTypes"/> are
    /// the type names this ZVM accepts besides the numbered list; <paramref name="notes"/> gets what
    /// a real ZVM would read differently from what the client probably meant.
    /// </summary>
    public static TaskFilter? Parse(IQueryCollection query, IReadOnlySet<string> knownTypes, List<string> notes)
    {
        var filter = new TaskFilter();
        foreach (var (key, values) in query)
        {
            var value = values[0];
            if (!Known.Contains(key))
            {
                notes.Add($"unknown query parameter '{key}' ignored");
                continue;
            }
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }
            if (key.Equals("type", StringComparison.OrdinalIgnoreCase))
            {
                var number = TaskCatalog.IndexOf(TaskCatalog.TypeNames, value);
                filter._type = number >= 0 ? TaskCatalog.TypeNames[number]
                    : knownTypes.Contains(value) ? value : null;
                if (filter._type is null)
                {
                    return null;
                }
                continue;
            }
            if (key.Equals("status", StringComparison.OrdinalIgnoreCase))
            {
                var state = TaskCatalog.IndexOf(TaskCatalog.StateNames, value);
                if (state < 0)
                {
                    return null;
                }
                filter._state = state;
                continue;
            }
            if (!DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
            {
                return null;
            }
            if (!value.EndsWith('Z'))
            {
                // A real ZVM reads such a time in its own zone; this one reads UTC but says so.
                notes.Add($"{key}={value} has no 'Z': read as UTC here, as server-local time by a real ZVM");
            }
            switch (key.ToLowerInvariant())
            {
                case "startedbeforedate": filter._startedBefore = date; break;
                case "startedafterdate": filter._startedAfter = date; break;
                case "completedbeforedate": filter._completedBefore = date; break;
                default: filter._completedAfter = date; break;
            }
        }
        return filter;
    }

    /// <summary>Before is strictly earlier, after strictly later; a missing date never matches a filter on it.</summary>
    public bool Matches(TaskEntry task) =>
        (_startedBefore is null || task.Started < _startedBefore)
        && (_startedAfter is null || task.Started > _startedAfter)
        && (_completedBefore is null || task.Completed < _completedBefore)
        && (_completedAfter is null || task.Completed > _completedAfter)
        && (_type is null || string.Equals(task.Type, _type, StringComparison.OrdinalIgnoreCase))
        && (_state is null || task.State == _state);
}
