using System;
using System.Buffers;
using System.Text.Json;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using ZvmSimulator.Names;
using ZvmSimulator.Reports;

namespace ZvmSimulator.Tasks;

/// <summary>
/// A large made-up history for --generate, in the kind's shape and about 0.9 KB a task like the
/// recordings. Fixed seed and, without --rebase-dates, fixed dates: the same N gives the same
/// bytes on every run.
/// </summary>
internal static class TaskGenerator
{
    private static readonly DateTime FixedReference = new(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Period = TimeSpan.FromDays(30);

    // .invalid never resolves: nothing a client might follow leaves the machine.
    private const string WindowsBase = "https://zvm.sim.invalid:9669/v1/";
    private const string ApplianceBase = "https://zvm.sim.invalid/v1/";

    private static readonly string[] CommonTypes =
    [
        "FailOverTest", "StopFailOverTest", "UpdateProtectionGroup", "InsertTaggedCP", "ForceUpdateProtectionGroup",
        "LogCollection", "InitFullSync", "Move", "FlrJournalMount", "FlrJournalUnmount", "ProtectVM",
    ];

    private static readonly string[] Users = ["Administrator", "ZVM\\svc-dr", "vsphere.local\\ops", ""];

    private static readonly string[] FailureReasons =
    [
        "Task failed: the recovery host is disconnected.",
        "Operation timed out after 3600 seconds waiting for the peer site.",
        "VRA on host 10.20.30.41 is unreachable.",
        "Insufficient datastore space on ds-replica-02 for the journal.",
    ];

    /// <summary><paramref name="count"/> tasks over the 30 days before <paramref name="reference"/> (default 2026-11-20T00:00:00Z).</summary>
    /// <param name="vpgCount">how many of the generated site's VPGs the tasks name</param>
    public static TaskStore Generate(ZvmKind kind, int count, byte[] typesJson, DateTime? reference, int vpgCount = GeneratedSite.VpgCount)
    {
        // Reports have a generator of their own: the tasks stay the same bytes with or without them.
        var reportRandom = new Random(20261206);
        var reports = new List<RecoveryReport>();
        var end = reference ?? FixedReference;
        var random = new Random(20261120);
        var allTypes = JsonSerializer.Deserialize<string[]>(typesJson)!;
        // Entities that the generated /v1/vpgs and site answers know by name.
        var localSite = GeneratedSite.Instance.LocalSite;
        var vpgs = GeneratedSite.Instance.Vpgs.AsSpan(0, vpgCount).ToArray();

        var builder = new TaskStore.Builder();
        var buffer = new ArrayBufferWriter<byte>(2048);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Relaxed.Encoder });
        var names = kind == ZvmKind.Windows ? Names.Windows : Names.Appliance;
        var baseUrl = kind == ZvmKind.Windows ? WindowsBase : ApplianceBase;
        for (var i = 0; i < count; i++)
        {
            // Evenly spread with jitter, so Started ascends.
            var started = Milliseconds(end - Period + Period * ((i + random.NextDouble()) / count));
            var roll = random.Next(1000);
            var state = roll < 20 ? TaskCatalog.InProgress : roll < 90 ? TaskCatalog.Failed : roll < 100 ? 5 : TaskCatalog.Completed;
            var task = new TaskEntry(
                $"{GeneratedSite.NewGuid(random)}.{localSite}",
                started,
                state == TaskCatalog.InProgress ? null : Milliseconds(started + TimeSpan.FromSeconds(5 + random.Next(1200))),
                random.Next(10) < 7 ? CommonTypes[random.Next(CommonTypes.Length)] : allTypes[random.Next(allTypes.Length)],
                state);

            buffer.Clear();
            writer.Reset(buffer);
            writer.WriteStartObject();
            writer.WriteString(names.CompleteReason, state == TaskCatalog.Failed ? FailureReasons[random.Next(FailureReasons.Length)] : "");
            WriteDate(writer, names.Completed, kind, task.Completed);
            writer.WriteString(names.InitiatedBy, Users[random.Next(Users.Length)]);
            writer.WriteBoolean(names.IsCancellable, state == TaskCatalog.InProgress);
            writer.WritePropertyName(names.Link);
            WriteLink(writer, baseUrl + "tasks/" + task.Id, task.Id!, "TaskApi");
            writer.WriteStartObject(names.RelatedEntities);
            writer.WriteStartArray(names.FlrSessions);
            if (task.Type.StartsWith("Flr", StringComparison.Ordinal))
            {
                var session = GeneratedSite.NewGuid(random);
                WriteLink(writer, baseUrl + "flrsessions/" + session, session, "FlrSessionInformationApi");
            }
            writer.WriteEndArray();
            writer.WriteStartArray(names.Hosts);
            writer.WriteEndArray();
            writer.WriteStartArray(names.Sites);
            WriteLink(writer, baseUrl + "localsite", localSite, "LocalSiteApi");
            writer.WriteEndArray();
            writer.WriteStartArray(names.Vpgs);
            var vpgRoll = random.Next(20);
            for (var v = vpgRoll < 15 ? 1 : vpgRoll < 19 ? 2 : 3; v > 0; v--)
            {
                var index = random.Next(vpgs.Length);
                var vpg = vpgs[index];
                WriteLink(writer, baseUrl + "vpgs/" + vpg, vpg, "VpgApi");
                if (task.Type == "FailOverTest" && state == TaskCatalog.Completed)
                {
                    reports.Add(Report(kind, reportRandom, vpg, GeneratedSite.Instance.VpgNames[index], task));
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            WriteDate(writer, names.Started, kind, task.Started);
            writer.WriteStartObject(names.Status);
            writer.WriteNumber(names.Progress, state == TaskCatalog.Completed ? 100 : random.Next(100));
            writer.WriteNumber(names.State, state);
            writer.WriteEndObject();
            if (kind == ZvmKind.Windows)
            {
                writer.WriteString("TaskIdentifier", task.Id);
            }
            writer.WriteString(names.Type, task.Type);
            if (kind == ZvmKind.Appliance)
            {
                writer.WriteNumber("generation", i + 1);
            }
            writer.WriteEndObject();
            writer.Flush();
            builder.Add(task, buffer.WrittenSpan);
        }
        return builder.Build(typesJson, new ReportStore(reports));
    }

    /// <summary>What the tester recorded on stopping the test: nine in ten passed.</summary>
    private static RecoveryReport Report(ZvmKind kind, Random random, string vpg, string vpgName, TaskEntry task)
    {
        var started = task.Started!.Value.AddSeconds(20);
        var ended = started.AddMinutes(30 + random.Next(180));
        var passed = random.Next(10) > 0;
        var general = new JsonObject
        {
            ["vpgIdentifier"] = vpg,
            ["vpgName"] = vpgName,
            ["recoveryType"] = "FailoverTest",
            ["protectedSiteName"] = "FRA-Prod",
            ["recoverySiteName"] = "AMS-DR",
            ["startTime"] = kind == ZvmKind.Windows ? ZvmDates.Microsoft(started) : ZvmDates.Iso(started),
            ["endTime"] = kind == ZvmKind.Windows ? ZvmDates.Microsoft(ended) : ZvmDates.Iso(ended),
            ["rtoInSeconds"] = (120 + random.Next(900)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["status"] = passed ? "Success" : "Fail",
            ["initiatedBy"] = "ZVM\\svc-dr",
            ["notes"] = passed ? "Applications verified." : "Application did not start.",
        };
        var report = new JsonObject { ["recoveryOperationIdentifier"] = GeneratedSite.NewGuid(random), ["general"] = general, ["recoverySettings"] = new JsonObject() };
        if (kind == ZvmKind.Windows)
        {
            report = Pascal(report);
        }
        return ReportStore.Describe(report);
    }

    private static JsonObject Pascal(JsonObject source)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            result[char.ToUpperInvariant(key[0]) + key[1..]] = value is JsonObject inner ? Pascal(inner) : value?.DeepClone();
        }
        return result;
    }

    private static void WriteLink(Utf8JsonWriter writer, string href, string identifier, string type)
    {
        writer.WriteStartObject();
        writer.WriteString("href", href);
        writer.WriteString("identifier", identifier);
        writer.WriteNull("rel");
        writer.WriteString("type", type);
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, ZvmKind kind, DateTime? utc)
    {
        if (utc is not DateTime date)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteString(name, kind == ZvmKind.Windows ? ZvmDates.Microsoft(date) : ZvmDates.Iso(date));
    }

    private static DateTime Milliseconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <summary>The property names of the two shapes.</summary>
    private sealed record Names(
        string CompleteReason, string Completed, string InitiatedBy, string IsCancellable, string Link,
        string RelatedEntities, string FlrSessions, string Hosts, string Sites, string Vpgs,
        string Started, string Status, string Progress, string State, string Type)
    {
        public static readonly Names Windows = new(
            "CompleteReason", "Completed", "InitiatedBy", "IsCancellable", "Link",
            "RelatedEntities", "FlrSessions", "Hosts", "Sites", "Vpgs",
            "Started", "Status", "Progress", "State", "Type");

        public static readonly Names Appliance = new(
            "completeReason", "completed", "initiatedBy", "isCancellable", "link",
            "relatedEntities", "flrSessions", "hosts", "sites", "vpgs",
            "started", "status", "progress", "state", "type");
    }
}
