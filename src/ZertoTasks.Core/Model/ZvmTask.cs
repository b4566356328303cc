using System;

namespace ZertoTasks
{
    /// <summary>
    /// One task of a ZVM's history, flattened for filtering and export: no nested objects,
    /// dates as local <see cref="DateTime"/> values that compare correctly with Get-Date.
    /// </summary>
    public sealed class ZvmTask
    {
        /// <summary>The task's id, &lt;taskGuid&gt;.&lt;siteGuid&gt;.</summary>
        public string TaskIdentifier { get; internal set; } = string.Empty;

        /// <summary>The type name as the ZVM sent it, kept unchanged even when this module does not know it.</summary>
        public string Type { get; internal set; } = string.Empty;

        /// <summary>The state name (see <see cref="ZvmTaskState"/>), or the raw value the ZVM sent if it is not a known state.</summary>
        public string State { get; internal set; } = string.Empty;

        /// <summary>Percent done, 0-100.</summary>
        public int Progress { get; internal set; }

        /// <summary>When the task started, in local time.</summary>
        public DateTime? Started { get; internal set; }

        /// <summary>When the task ended, in local time; null while it runs.</summary>
        public DateTime? Completed { get; internal set; }

        /// <summary>Completed minus Started; null while the task runs.</summary>
        public TimeSpan? Duration => Started.HasValue && Completed.HasValue ? Completed - Started : null;

        /// <summary>The user who started the task.</summary>
        public string InitiatedBy { get; internal set; } = string.Empty;

        /// <summary>Whether a user may cancel the task.</summary>
        public bool IsCancellable { get; internal set; }

        /// <summary>Why the task ended (the failure reason of a failed task).</summary>
        public string CompleteReason { get; internal set; } = string.Empty;

        /// <summary>The VPGs the task touched, each with its name where the ZVM could tell it.</summary>
        public ZvmEntityList Vpgs { get; internal set; } = ZvmEntityList.Empty;

        /// <summary>The sites the task touched, each with its name where the ZVM could tell it.</summary>
        public ZvmEntityList Sites { get; internal set; } = ZvmEntityList.Empty;

        /// <summary>The hosts the task touched, each with its name where the ZVM could tell it.</summary>
        public ZvmEntityList Hosts { get; internal set; } = ZvmEntityList.Empty;

        /// <summary>The file-level-restore sessions the task touched; they have no names.</summary>
        public ZvmEntityList FlrSessions { get; internal set; } = ZvmEntityList.Empty;

        /// <summary>The identifiers of <see cref="Vpgs"/>, a column of their own in a CSV file.</summary>
        public ZvmIdentifierList VpgIdentifiers => Vpgs.Identifiers;

        /// <summary>The identifiers of <see cref="Sites"/>.</summary>
        public ZvmIdentifierList SiteIdentifiers => Sites.Identifiers;

        /// <summary>The identifiers of <see cref="Hosts"/>.</summary>
        public ZvmIdentifierList HostIdentifiers => Hosts.Identifiers;

        /// <summary>The ZVM the task came from, host:port.</summary>
        public string Server { get; internal set; } = string.Empty;

        /// <summary>True once the task can no longer change: Completed, Failed or Stopped.</summary>
        public bool IsFinished =>
            State == nameof(ZvmTaskState.Completed) || State == nameof(ZvmTaskState.Failed) || State == nameof(ZvmTaskState.Stopped);

        /// <inheritdoc/>
        public override string ToString() => TaskIdentifier;
    }
}
