using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using ZvmSimulator.Tasks;

namespace ZvmSimulator.Reports;

/// <summary>One recovery report: its JSON as served, and what the filters of GET /v1/reports/recovery read of it.</summary>
internal sealed record RecoveryReport(byte[] Json, string? VpgName, string? RecoveryType, string? Status, DateTime? StartTime);

/// <summary>
/// The recovery reports a ZVM keeps (GET /v1/reports/recovery): the profile's recording in the
/// kind's shape, reports made beside a --generate history, or none.
/// </summary>
internal sealed class ReportStore(IReadOnlyList<RecoveryReport> reports)
{
    public static readonly ReportStore Empty = new([]);

    public IReadOnlyList<RecoveryReport> Reports { get; } = reports;

    /// <summary>A recording: an array of reports, "general" in either casing.</summary>
    public static ReportStore Recorded(byte[] json) =>
        new(JsonNode.Parse(json)!.AsArray().Select(report => Describe(report!.AsObject())).ToList());

    public static RecoveryReport Describe(JsonObject report)
    {
        var general = Member(report, "general") as JsonObject;
        string? Text(string name) => Member(general, name) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        DateTime? start = Text("startTime") is string s && ZvmDates.TryParse(s, out var utc) ? utc : null;
        return new RecoveryReport(JsonSerializer.SerializeToUtf8Bytes(report, Json.Relaxed), Text("vpgName"), Text("recoveryType"), Text("status"), start);
    }

    private static JsonNode? Member(JsonObject? obj, string name) =>
        obj?.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
