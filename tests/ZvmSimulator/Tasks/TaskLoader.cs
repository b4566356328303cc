using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ZvmSimulator.Tasks;

/// <summary>Reads a JSON array of tasks (a recording or a --data file) into a <see cref="TaskStore"/>.</summary>
internal static class TaskLoader
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// Serves the tasks byte for byte as given, unless <paramref name="rebaseTo"/> is set: then every
    /// Started and Completed moves by one amount so the newest Started falls on it.
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON is not an array.</exception>
    public static TaskStore Load(byte[] json, byte[] typesJson, DateTime? rebaseTo)
    {
        using var doc = JsonDocument.Parse(json, ReadOptions);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("the task data must be a JSON array of tasks");
        }
        var shift = TimeSpan.Zero;
        if (rebaseTo is DateTime target)
        {
            DateTime? newest = null;
            foreach (var element in doc.RootElement.EnumerateArray())
            {
                if (Describe(element).Started is DateTime started && (newest is null || started > newest))
                {
                    newest = started;
                }
            }
            shift = newest is null ? TimeSpan.Zero : target - newest.Value;
        }

        var builder = new TaskStore.Builder();
        foreach (var element in doc.RootElement.EnumerateArray())
        {
            var task = Describe(element);
            if (shift == TimeSpan.Zero)
            {
                builder.Add(task, JsonMarshal.GetRawUtf8Value(element));
                continue;
            }
            var node = JsonNode.Parse(JsonMarshal.GetRawUtf8Value(element))!;
            ShiftDate(node, "Started", shift);
            ShiftDate(node, "Completed", shift);
            builder.Add(task with { Started = task.Started + shift, Completed = task.Completed + shift },
                JsonSerializer.SerializeToUtf8Bytes(node, Json.Relaxed));
        }
        return builder.Build(typesJson);
    }

    private static TaskEntry Describe(JsonElement task)
    {
        var id = Property(task, "TaskIdentifier") is { ValueKind: JsonValueKind.String } tid
            ? tid.GetString()
            : Property(Property(task, "Link"), "identifier") is { ValueKind: JsonValueKind.String } lid ? lid.GetString() : null;
        var type = Property(task, "Type") switch
        {
            { ValueKind: JsonValueKind.String } t => t.GetString()!,
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var i) && i >= 0 && i < TaskCatalog.TypeNames.Length => TaskCatalog.TypeNames[i],
            _ => "",
        };
        var state = Property(Property(task, "Status"), "State") is { ValueKind: JsonValueKind.Number } s && s.TryGetInt32(out var st) ? st : -1;
        return new TaskEntry(id, Date(Property(task, "Started")), Date(Property(task, "Completed")), type, state);
    }

    private static DateTime? Date(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.String } s && ZvmDates.TryParse(s.GetString()!, out var utc) ? utc : null;

    /// <summary>Property names differ in case between the two shapes.</summary>
    private static JsonElement? Property(JsonElement? obj, string name)
    {
        if (obj is not { ValueKind: JsonValueKind.Object } o)
        {
            return null;
        }
        foreach (var p in o.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p.Value;
            }
        }
        return null;
    }

    private static void ShiftDate(JsonNode task, string name, TimeSpan shift)
    {
        string? key = null;
        foreach (var property in task.AsObject())
        {
            if (string.Equals(property.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                key = property.Key;
                break;
            }
        }
        if (key is not null && task[key]?.GetValueKind() == JsonValueKind.String)
        {
            var text = task[key]!.GetValue<string>();
            if (ZvmDates.TryParse(text, out var utc))
            {
                task[key] = ZvmDates.FormatLike(text, utc + shift);
            }
        }
    }
}
