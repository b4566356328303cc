using System;

namespace ZertoTasks
{
    /// <summary>What Watch-ZvmTask saw happen to a task.</summary>
    public enum ZvmTaskChangeKind
    {
        /// <summary>A task the watch had not seen: it started, or it had already ended when it was first seen.</summary>
        New,

        /// <summary>The task's state changed (see <see cref="ZvmTaskChange.PreviousState"/>).</summary>
        State,

        /// <summary>Only the task's progress changed (written with -IncludeProgress).</summary>
        Progress,
    }

    /// <summary>
    /// A task as Watch-ZvmTask writes it: the task's own properties, as Get-ZvmTask's objects have
    /// them, and what changed since the watch last saw it.
    /// </summary>
    public sealed class ZvmTaskChange
    {
        internal ZvmTaskChange(ZvmTask task, ZvmTaskChangeKind change, string? previousState, int? previousProgress)
        {
            Task = task;
            Change = change;
            PreviousState = previousState;
            PreviousProgress = previousProgress;
        }

        /// <summary>What changed: New, State or Progress.</summary>
        public ZvmTaskChangeKind Change { get; }

        /// <summary>The state the watch saw before; null for a task it had not seen.</summary>
        public string? PreviousState { get; }

        /// <summary>The progress the watch saw before; null for a task it had not seen.</summary>
        public int? PreviousProgress { get; }

        /// <summary>The task as Get-ZvmTask would write it now.</summary>
        public ZvmTask Task { get; }

        /// <summary>The task's id, &lt;taskGuid&gt;.&lt;siteGuid&gt;.</summary>
        public string TaskIdentifier => Task.TaskIdentifier;

        /// <summary>The type name as the ZVM sent it.</summary>
        public string Type => Task.Type;

        /// <summary>The state name, or the raw value the ZVM sent if it is not a known state.</summary>
        public string State => Task.State;

        /// <summary>Percent done, 0-100.</summary>
        public int Progress => Task.Progress;

        /// <summary>When the task started, in local time.</summary>
        public DateTime? Started => Task.Started;

        /// <summary>When the task ended, in local time; null while it runs.</summary>
        public DateTime? Completed => Task.Completed;

        /// <summary>Completed minus Started; null while the task runs.</summary>
        public TimeSpan? Duration => Task.Duration;

        /// <summary>The user who started the task.</summary>
        public string InitiatedBy => Task.InitiatedBy;

        /// <summary>Whether a user may cancel the task.</summary>
        public bool IsCancellable => Task.IsCancellable;

        /// <summary>Why the task ended (the failure reason of a failed task).</summary>
        public string CompleteReason => Task.CompleteReason;

        /// <summary>The VPGs the task touched.</summary>
        public ZvmEntityList Vpgs => Task.Vpgs;

        /// <summary>The sites the task touched.</summary>
        public ZvmEntityList Sites => Task.Sites;

        /// <summary>The hosts the task touched.</summary>
        public ZvmEntityList Hosts => Task.Hosts;

        /// <summary>The file-level-restore sessions the task touched.</summary>
        public ZvmEntityList FlrSessions => Task.FlrSessions;

        /// <summary>The identifiers of <see cref="Vpgs"/>.</summary>
        public ZvmIdentifierList VpgIdentifiers => Task.VpgIdentifiers;

        /// <summary>The identifiers of <see cref="Sites"/>.</summary>
        public ZvmIdentifierList SiteIdentifiers => Task.SiteIdentifiers;

        /// <summary>The identifiers of <see cref="Hosts"/>.</summary>
        public ZvmIdentifierList HostIdentifiers => Task.HostIdentifiers;

        /// <summary>The ZVM the task came from, host:port.</summary>
        public string Server => Task.Server;

        /// <summary>True once the task can no longer change: Completed, Failed or Stopped.</summary>
        public bool IsFinished => Task.IsFinished;

        /// <inheritdoc/>
        public override string ToString() => TaskIdentifier;
    }
}
