using System;

namespace ZertoTasks
{
    /// <summary>
    /// One failover test of one VPG, rebuilt from the FailOverTest task that started it and the
    /// StopFailOverTest task that ended it, with the tester's verdict where the ZVM's recovery
    /// reports hold one. Dates are local time.
    /// </summary>
    public sealed class ZvmFailoverTest
    {
        /// <summary>The VPG tested: prints as its name (its identifier when it has none, e.g. deleted since).</summary>
        public ZvmEntity Vpg { get; internal set; } = new ZvmEntity(string.Empty);

        /// <summary>The VPG's name, null when the ZVM could not tell it.</summary>
        public string? VpgName => Vpg.Name;

        /// <summary>The VPG's identifier.</summary>
        public string VpgIdentifier => Vpg.Identifier;

        /// <summary>The ZVM whose history holds the test, host:port.</summary>
        public string Server { get; internal set; } = string.Empty;

        /// <summary>What became of the test.</summary>
        public ZvmFailoverTestResult Result { get; internal set; }

        /// <summary>Why the result is what it is, when it is not Passed or Running: the failed task's reason, the tester's notes.</summary>
        public string ResultReason { get; internal set; } = string.Empty;

        /// <summary>When the FailOverTest task started; null for a stop whose start is older than the history read.</summary>
        public DateTime? Started { get; internal set; }

        /// <summary>When the test was stopped: the start of the StopFailOverTest task (the moment the tester ended it); null while no stop is seen.</summary>
        public DateTime? Stopped { get; internal set; }

        /// <summary>From Started to Stopped; null while either is unknown.</summary>
        public TimeSpan? Duration => Started.HasValue && Stopped.HasValue ? Stopped - Started : null;

        /// <summary>The user who started the test.</summary>
        public string StartedBy { get; internal set; } = string.Empty;

        /// <summary>The user who stopped the test; empty while no stop is seen.</summary>
        public string StoppedBy { get; internal set; } = string.Empty;

        /// <summary>The state of the FailOverTest task.</summary>
        public string StartState { get; internal set; } = string.Empty;

        /// <summary>The FailOverTest task's reason (why it failed).</summary>
        public string StartReason { get; internal set; } = string.Empty;

        /// <summary>The state of the StopFailOverTest task; empty while no stop is seen.</summary>
        public string StopState { get; internal set; } = string.Empty;

        /// <summary>The StopFailOverTest task's reason (why it failed).</summary>
        public string StopReason { get; internal set; } = string.Empty;

        /// <summary>The FailOverTest task's identifier.</summary>
        public string StartTaskIdentifier { get; internal set; } = string.Empty;

        /// <summary>The StopFailOverTest task's identifier; empty while no stop is seen.</summary>
        public string StopTaskIdentifier { get; internal set; } = string.Empty;

        /// <summary>The tester's verdict from the ZVM's recovery report (Passed, Failed), empty where no report was found or could be read.</summary>
        public string Verdict { get; internal set; } = string.Empty;

        /// <summary>The tester's notes from the recovery report.</summary>
        public string Notes { get; internal set; } = string.Empty;

        /// <summary>The recovery time the report gives (rtoInSeconds); null where there is none.</summary>
        public TimeSpan? Rto { get; internal set; }

        /// <summary>The recovery report's identifier; empty where none was matched.</summary>
        public string ReportIdentifier { get; internal set; } = string.Empty;

        /// <summary>True once the test can no longer change: Passed, Failed or Cancelled.</summary>
        public bool IsFinished => Result == ZvmFailoverTestResult.Passed || Result == ZvmFailoverTestResult.Failed || Result == ZvmFailoverTestResult.Cancelled;

        /// <inheritdoc/>
        public override string ToString() => $"{Vpg} {Started:yyyy-MM-dd HH:mm} {Result}";
    }
}
