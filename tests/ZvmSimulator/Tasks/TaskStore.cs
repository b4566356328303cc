using System;
using System.Buffers;
using System.Collections.Generic;

namespace ZvmSimulator.Tasks;

/// <summary>What the filters and the id look-up need to know of one task; its JSON is a slice of the store.</summary>
internal sealed record TaskEntry(string? Id, DateTime? Started, DateTime? Completed, string Type, int State)
{
    internal int Offset { get; init; }
    internal int Length { get; init; }
}

/// <summary>
/// The tasks being served, each already serialized to UTF-8 once, all in one buffer, so a list
/// answer is only copying bytes.
/// </summary>
internal sealed class TaskStore
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly Dictionary<string, TaskEntry> _byId = new(StringComparer.OrdinalIgnoreCase);

    private TaskStore(ReadOnlyMemory<byte> json, List<TaskEntry> tasks, byte[] typesJson)
    {
        _json = json;
        Tasks = tasks;
        TypesJson = typesJson;
        foreach (var task in tasks)
        {
            if (task.Id is not null)
            {
                _byId.TryAdd(task.Id, task);
            }
        }
    }

    public IReadOnlyList<TaskEntry> Tasks { get; }

    /// <summary>Recovery reports made with a generated history; null for recorded ones.</summary>
    public Reports.ReportStore? Reports { get; private init; }

    /// <summary>The answer to GET /v1/tasks/types, as recorded.</summary>
    public byte[] TypesJson { get; }

    public ReadOnlyMemory<byte> Json(TaskEntry task) => _json.Slice(task.Offset, task.Length);

    /// <summary>Case-insensitive. Only the '.' form, as a real ZVM: '&lt;taskGuid&gt;:&lt;siteGuid&gt;', which Zerto's actions return, is not found.</summary>
    public TaskEntry? Find(string id) => _byId.GetValueOrDefault(id);

    internal sealed class Builder
    {
        private readonly ArrayBufferWriter<byte> _json = new(1 << 20);
        private readonly List<TaskEntry> _tasks = [];

        public void Add(TaskEntry task, ReadOnlySpan<byte> json)
        {
            _tasks.Add(task with { Offset = _json.WrittenCount, Length = json.Length });
            _json.Write(json);
        }

        public TaskStore Build(byte[] typesJson, Reports.ReportStore? reports = null) => new(_json.WrittenMemory, _tasks, typesJson) { Reports = reports };
    }
}
