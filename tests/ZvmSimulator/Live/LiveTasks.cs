using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using ZvmSimulator.Tasks;

namespace ZvmSimulator.Live;

/// <summary>
/// One simulated ZVM's live tasks, served after its recorded or generated history by the same
/// endpoints and filters. Each is written in the kind's shape, from a task of the history as the
/// template (PascalCase and /Date()/ for a Windows ZVM, camelCase and ISO dates for an appliance).
/// </summary>
internal sealed class LiveTasks(SimClock clock, ZvmKind kind, ReadOnlyMemory<byte> template, string siteId)
{
    private readonly List<LiveTask> _tasks = [];
    private readonly Dictionary<string, LiveTask> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly System.Threading.Lock _lock = new();
    private readonly Random _ids = new();

    public SimClock Clock => clock;

    public LiveTask Add(string type, double startInMs, IEnumerable<LiveStep> steps, string[]? vpgs)
    {
        string id;
        lock (_lock)
        {
            id = $"{NewGuid()}.{siteId}";
        }
        var task = new LiveTask(id, type, clock.Now.AddMilliseconds(Math.Round(startInMs)), steps, vpgs);
        lock (_lock)
        {
            _tasks.Add(task);
            _byId[id] = task;
        }
        return task;
    }

    public LiveTask? Find(string id)
    {
        lock (_lock)
        {
            return _byId.GetValueOrDefault(id.Replace(':', '.'));
        }
    }

    /// <summary>Every live task that has started, as it is now, in the order they were added.</summary>
    public List<LiveView> Now()
    {
        var now = clock.Now;
        lock (_lock)
        {
            return [.. _tasks.Select(task => task.At(now)).OfType<LiveView>()];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _tasks.Clear();
            _byId.Clear();
        }
    }

    public static TaskEntry Entry(LiveView view) => new(view.Id, view.Started, view.Completed, view.Type, view.State);

    public byte[] Json(LiveView view)
    {
        var task = JsonNode.Parse(template.Span)!.AsObject();
        var windows = kind == ZvmKind.Windows;
        string Date(DateTime utc) => windows ? ZvmDates.Microsoft(utc) : ZvmDates.Iso(utc);
        Set(task, "completeReason", view.CompleteReason);
        Set(task, "completed", view.Completed is DateTime completed ? Date(completed) : null);
        Set(task, "started", Date(view.Started));
        Set(task, "isCancellable", !LiveTask.IsEnd(view.State));
        Set(task, "type", view.Type);
        var status = Get(task, "status")!.AsObject();
        Set(status, "state", view.State);
        Set(status, "progress", view.Progress);
        if (Get(task, "taskIdentifier") is not null)
        {
            Set(task, "taskIdentifier", view.Id);
        }
        var link = Get(task, "link")!.AsObject();
        var href = (string?)Get(link, "href") ?? "";
        var tasksAt = href.IndexOf("/v1/", StringComparison.Ordinal);
        var baseUrl = tasksAt >= 0 ? href[..(tasksAt + 4)] : "https://zvm.sim.invalid/v1/";
        Set(link, "href", baseUrl + "tasks/" + view.Id);
        Set(link, "identifier", view.Id);
        var related = Get(task, "relatedEntities")!.AsObject();
        if (view.Vpgs is string[] given)
        {
            var vpgs = new JsonArray();
            foreach (var vpg in given)
            {
                vpgs.Add(Link(baseUrl + "vpgs/" + vpg, vpg, "VpgApi"));
            }
            Set(related, "vpgs", vpgs);
        }
        Set(related, "sites", new JsonArray(Link(baseUrl + "localsite", siteId, "LocalSiteApi")));
        Set(related, "hosts", new JsonArray());
        Set(related, "flrSessions", new JsonArray());
        return Encoding.UTF8.GetBytes(task.ToJsonString(ZvmSimulator.Json.Relaxed));
    }

    private static JsonObject Link(string href, string identifier, string type) =>
        new() { ["href"] = href, ["identifier"] = identifier, ["rel"] = null, ["type"] = type };

    private string NewGuid()
    {
        var bytes = new byte[16];
        _ids.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static JsonNode? Get(JsonObject node, string camel) =>
        node.FirstOrDefault(p => string.Equals(p.Key, camel, StringComparison.OrdinalIgnoreCase)).Value;

    // Keeps the template's casing of the name; adds it in the kind's casing when missing.
    private void Set(JsonObject node, string camel, JsonNode? value)
    {
        var name = node.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, camel, StringComparison.OrdinalIgnoreCase))
            ?? (kind == ZvmKind.Windows ? char.ToUpperInvariant(camel[0]) + camel[1..] : camel);
        node[name] = value;
    }
}
