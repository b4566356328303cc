using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace ZvmSimulator.Tasks;

/// <summary>One scripted look at a task: the state and progress GET /v1/tasks/{id} answers with.</summary>
internal sealed record TaskStep(int State, int Progress, string? CompleteReason);

/// <summary>
/// Makes recorded tasks move for Wait-ZvmTask tests (times on the simulated clock): POST /_sim/tasks/{id}/steps gives a task a list of
/// steps, and each GET /v1/tasks/{id} answers with the next one (the last one stays).
/// </summary>
internal sealed class TaskScripts(Func<DateTime> now)
{
    private static readonly int[] EndStates = [4, 5, 6];

    private readonly ConcurrentDictionary<string, Queue<TaskStep>> _scripts = new(StringComparer.OrdinalIgnoreCase);

    public void Set(string id, IEnumerable<TaskStep> steps) => _scripts[Normalize(id)] = new Queue<TaskStep>(steps);

    public void Clear() => _scripts.Clear();

    /// <summary>The task's JSON as its next step has it, or null if it has no script.</summary>
    public byte[]? Next(string id, ReadOnlyMemory<byte> recorded)
    {
        if (!_scripts.TryGetValue(Normalize(id), out var steps))
        {
            return null;
        }
        TaskStep step;
        lock (steps)
        {
            step = steps.Count > 1 ? steps.Dequeue() : steps.Peek();
        }
        return Apply(recorded, step, now());
    }

    // Keeps the recording's casing: PascalCase for a Windows ZVM, camelCase for an appliance.
    private static byte[] Apply(ReadOnlyMemory<byte> recorded, TaskStep step, DateTime utcNow)
    {
        var task = JsonNode.Parse(recorded.Span)!.AsObject();
        var status = task[Name(task, "status")]!.AsObject();
        status[Name(status, "state")] = step.State;
        status[Name(status, "progress")] = step.Progress;
        if (step.CompleteReason is not null)
        {
            task[Name(task, "completeReason")] = step.CompleteReason;
        }
        string completed = Name(task, "completed");
        bool windows = completed == "Completed";
        task[completed] = !EndStates.Contains(step.State) ? null
            : windows ? ZvmDates.Microsoft(utcNow) : ZvmDates.Iso(utcNow);
        return System.Text.Encoding.UTF8.GetBytes(task.ToJsonString(Json.Relaxed));
    }

    private static string Name(JsonObject node, string camel) =>
        node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, camel, StringComparison.OrdinalIgnoreCase)) ?? camel;

    private static string Normalize(string id) => id.Replace(':', '.');
}
