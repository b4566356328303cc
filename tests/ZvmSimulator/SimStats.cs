using System.Threading;

namespace ZvmSimulator;

/// <summary>Counters for GET /_sim/stats. A task list is one GET /v1/tasks answer.</summary>
internal sealed class SimStats
{
    private int _started;
    private int _completed;
    private int _aborted;
    private int _logins;
    private int _refreshes;
    private int _logouts;

    /// <summary>The open connections that carried an API request.</summary>
    public Faults.ConnectionCount Connections { get; } = new();

    public void ListStarted() => Interlocked.Increment(ref _started);

    public void ListCompleted() => Interlocked.Increment(ref _completed);

    /// <summary>The client went away before the whole body was written.</summary>
    public void ListAborted() => Interlocked.Increment(ref _aborted);

    /// <summary>A login with credentials (not a token refresh).</summary>
    public void Login() => Interlocked.Increment(ref _logins);

    public void Refresh() => Interlocked.Increment(ref _refreshes);

    /// <summary>A session ended by its client (DELETE /v1/session, or Keycloak's logout).</summary>
    public void Logout() => Interlocked.Increment(ref _logouts);

    public object Snapshot()
    {
        int started = Volatile.Read(ref _started), completed = Volatile.Read(ref _completed), aborted = Volatile.Read(ref _aborted);
        return new
        {
            taskListsStarted = started,
            taskListsCompleted = completed,
            taskListsAborted = aborted,
            activeTaskLists = started - completed - aborted,
            logins = Volatile.Read(ref _logins),
            refreshes = Volatile.Read(ref _refreshes),
            logouts = Volatile.Read(ref _logouts),
            openConnections = Connections.OpenApiConnections,
        };
    }
}
