using System;

namespace ZertoTasks
{
    /// <summary>
    /// Get-ZvmFailoverTest -Latest: one VPG of the sessions, its last failover test and its last
    /// passed one, and whether it is overdue. Dates are local time.
    /// </summary>
    public sealed class ZvmVpgTestStatus
    {
        /// <summary>The VPG: prints as its name.</summary>
        public ZvmEntity Vpg { get; internal set; } = new ZvmEntity(string.Empty);

        /// <summary>The VPG's name, null when it has none.</summary>
        public string? VpgName => Vpg.Name;

        /// <summary>The VPG's identifier.</summary>
        public string VpgIdentifier => Vpg.Identifier;

        /// <summary>The ZVM that lists the VPG (the first of the sessions that does), host:port.</summary>
        public string Server { get; internal set; } = string.Empty;

        /// <summary>True when no test passed within <see cref="WithinDays"/> days.</summary>
        public bool Overdue { get; internal set; }

        /// <summary>The window, in days, that a passed test must fall in.</summary>
        public int WithinDays { get; internal set; }

        /// <summary>The most recent test of the VPG in the history read, whatever its result; null when none.</summary>
        public ZvmFailoverTest? LastTest { get; internal set; }

        /// <summary>When the last test started.</summary>
        public DateTime? LastTested => LastTest?.Started;

        /// <summary>The last test's result; null when there is none.</summary>
        public ZvmFailoverTestResult? LastResult => LastTest?.Result;

        /// <summary>The most recent passed test; null when none is in the history read.</summary>
        public ZvmFailoverTest? LastPassedTest { get; internal set; }

        /// <summary>When the last passed test started.</summary>
        public DateTime? LastPassed => LastPassedTest?.Started;

        /// <summary>Whole days since the last passed test started; null when none.</summary>
        public int? DaysSincePassed { get; internal set; }

        /// <summary>The VPG list's own last-test date (lastTest of GET /v1/vpgs), where the ZVM gives one.</summary>
        public DateTime? ZvmLastTest { get; internal set; }

        /// <summary>The day of the oldest task in the ZVM's history: "no test since" means since this day.</summary>
        public DateTime? HistorySince { get; internal set; }

        /// <inheritdoc/>
        public override string ToString() => $"{Vpg} {(Overdue ? "overdue" : "ok")}";
    }
}
