using System;
using System.Collections.Generic;

namespace ZvmSimulator.Faults;

/// <summary>
/// A fault for the next <see cref="Count"/> requests whose path starts with <see cref="Path"/>
/// (or equals it, with <see cref="Exact"/>), as posted to /_sim/faults. A "status" fault answers
/// {"Message": <see cref="Message"/>}, "Simulated fault" when none is given.
/// "trickle" sends the first <see cref="AfterBytes"/> of the answer (or its first <see cref="Index"/> tasks), then <see cref="Chunk"/> bytes
/// every <see cref="DelayMs"/> (1000 when 0); "keepopen" sends the whole answer without a length,
/// then <see cref="Message"/> if given (junk after the list), and keeps the connection open for
/// <see cref="DelayMs"/> (60000 when 0); "badtask" sends the list with the Progress of task
/// <see cref="Index"/> (the middle one when not given) replaced by the raw JSON <see cref="Message"/>
/// (1e400 when not given); "negotiate" answers 401 offering only Negotiate and NTLM logins, as an
/// IIS site with Windows login does; "busy" answers <see cref="Status"/> (503) with
/// <see cref="RetryAfter"/> and holds its body open for <see cref="DelayMs"/> (60000 when 0);
/// "gzip" answers 200 with Content-Encoding: gzip and a body that is no gzip stream.
/// </summary>
internal sealed record Fault(
    string Path, string Kind, int Count = 1, int? Status = null, int? RetryAfter = null,
    int DelayMs = 0, long AfterBytes = 0, bool Exact = false, string? Message = null, int Chunk = 1, int? Index = null)
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "status", "html", "notjson", "truncate", "cut", "stall", "wrongshape", "delay", "reset", "expire",
        "trickle", "keepopen", "badtask", "negotiate", "busy", "gzip",
    };

    /// <summary>Null when valid, else what is wrong.</summary>
    public string? Problem() =>
        string.IsNullOrEmpty(Path) || !Path.StartsWith('/') ? "path must start with '/'"
        : Kind is null || !Kinds.Contains(Kind) ? "kind must be one of " + string.Join(", ", Kinds)
        : Count < 1 ? "count must be 1 or more"
        : Status is < 100 or > 599 ? "status must be 100-599"
        : DelayMs < 0 || AfterBytes < 0 || RetryAfter < 0 || Index < 0 ? "delayMs, afterBytes, retryAfter and index cannot be negative"
        : Chunk < 1 ? "chunk must be 1 or more"
        : null;

    public bool Applies(string requestPath) =>
        Exact
            ? string.Equals(requestPath, Path, StringComparison.OrdinalIgnoreCase)
            : requestPath.StartsWith(Path, StringComparison.OrdinalIgnoreCase);
}
