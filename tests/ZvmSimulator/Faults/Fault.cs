using System;
using System.Collections.Generic;

namespace ZvmSimulator.Faults;

/// <summary>
/// A fault for the next <see cref="Count"/> requests whose path starts with <see cref="Path"/>
/// (or equals it, with <see cref="Exact"/>), as posted to /_sim/faults. A "status" fault answers
/// {"Message": <see cref="Message"/>}, "Simulated fault" when none is given.
/// </summary>
internal sealed record Fault(
    string Path, string Kind, int Count = 1, int? Status = null, int? RetryAfter = null,
    int DelayMs = 0, long AfterBytes = 0, bool Exact = false, string? Message = null)
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "status", "html", "notjson", "truncate", "cut", "stall", "wrongshape", "delay", "reset", "expire",
    };

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Problem() =>
        string.IsNullOrEmpty(Path) || !Path.StartsWith('/') ? "path must start with '/'"
        : Kind is null || !Kinds.Contains(Kind) ? "kind must be one of " + string.Join(", ", Kinds)
        : Count < 1 ? "count must be 1 or more"
        : Status is < 100 or > 599 ? "status must be 100-599"
        : DelayMs < 0 || AfterBytes < 0 || RetryAfter < 0 ? "delayMs, afterBytes and retryAfter cannot be negative"
        : null;

    public bool Applies(string requestPath) =>
        Exact
            ? string.Equals(requestPath, Path, StringComparison.OrdinalIgnoreCase)
            : requestPath.StartsWith(Path, StringComparison.OrdinalIgnoreCase);
}
