using System;
using System.Collections.Generic;

namespace ZvmSimulator.Live;

/// <summary>One point of a live task's timeline: from <see cref="AtMs"/> after its start, it has this state and progress.</summary>
internal sealed record LiveStep(double AtMs, int State, int Progress, string? CompleteReason = null);

/// <summary>What a live task looks like at one moment of the simulated clock.</summary>
internal sealed record LiveView(string Id, string Type, DateTime Started, DateTime? Completed, int State, int Progress, string CompleteReason, string[]? Vpgs);

/// <summary>
/// A task that starts, moves and ends over time. Its state at a given moment is read off its
/// timeline, so a test can script a whole life in one call (and a task that starts and ends
/// between two polls is exact) without timers; a control call appends a step at "now".
/// </summary>
internal sealed class LiveTask
{
    private static readonly int[] EndStates = [4, 5, 6];

    private readonly List<LiveStep> _steps;

    public LiveTask(string id, string type, DateTime started, IEnumerable<LiveStep> steps, string[]? vpgs)
    {
        Id = id;
        Type = type;
        Started = started;
        Vpgs = vpgs;
        _steps = [.. steps];
        _steps.Sort((a, b) => a.AtMs.CompareTo(b.AtMs));
        if (_steps.Count == 0 || _steps[0].AtMs > 0)
        {
            _steps.Insert(0, new LiveStep(0, 1, 0));
        }
    }

    public string Id { get; }

    public string Type { get; }

    /// <summary>On the simulated clock; the task does not exist before it.</summary>
    public DateTime Started { get; }

    /// <summary>The VPG ids the task names; null keeps the template's.</summary>
    public string[]? Vpgs { get; }

    public static bool IsEnd(int state) => Array.IndexOf(EndStates, state) >= 0;

    /// <summary>Replaces what the timeline says from <paramref name="now"/> on by one step at <paramref name="now"/>.</summary>
    public void SetNow(DateTime now, int state, int progress, string? completeReason)
    {
        var at = Math.Max(0, (now - Started).TotalMilliseconds);
        lock (_steps)
        {
            _steps.RemoveAll(step => step.AtMs >= at && step.AtMs > 0);
            _steps.Add(new LiveStep(at, state, progress, completeReason));
        }
    }

    /// <summary>The task at <paramref name="now"/>; null before it starts. An end state stays.</summary>
    public LiveView? At(DateTime now)
    {
        if (now < Started)
        {
            return null;
        }
        var elapsed = (now - Started).TotalMilliseconds;
        LiveStep current;
        lock (_steps)
        {
            current = _steps[0];
            foreach (var step in _steps)
            {
                if (step.AtMs > elapsed)
                {
                    break;
                }
                current = step;
                if (IsEnd(step.State))
                {
                    break;
                }
            }
        }
        DateTime? completed = IsEnd(current.State) ? Started.AddMilliseconds(Math.Round(current.AtMs)) : null;
        return new LiveView(Id, Type, Started, completed, current.State, current.Progress, current.CompleteReason ?? "", Vpgs);
    }
}
