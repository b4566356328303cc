using System;
using System.Collections.Generic;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// Gives each test the recovery report the tester's stop wrote: same VPG identifier (a VPG
    /// renamed since keeps its reports) and a start within <see cref="Tolerance"/> of the test's,
    /// the closest one; each report goes to one test at most.
    /// </summary>
    internal static class ReportMatcher
    {
        /// <summary>How far a report's start may be from its FailOverTest task's start.</summary>
        public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

        /// <summary>Attaches the reports and judges each test again.</summary>
        public static void Apply(IReadOnlyList<ZvmFailoverTest> tests, IReadOnlyList<RecoveryReport> reports)
        {
            var byVpg = new Dictionary<string, List<RecoveryReport>>(StringComparer.OrdinalIgnoreCase);
            foreach (RecoveryReport report in reports)
            {
                if (!report.IsFailoverTest || report.Started == null || report.VpgIdentifier.Length == 0)
                {
                    continue;
                }

                if (!byVpg.TryGetValue(report.VpgIdentifier, out List<RecoveryReport>? list))
                {
                    list = new List<RecoveryReport>();
                    byVpg[report.VpgIdentifier] = list;
                }

                list.Add(report);
            }

            foreach (ZvmFailoverTest test in tests)
            {
                if (test.Started is not DateTime started || !byVpg.TryGetValue(test.VpgIdentifier, out List<RecoveryReport>? candidates))
                {
                    continue;
                }

                RecoveryReport? best = null;
                TimeSpan bestGap = TimeSpan.MaxValue;
                foreach (RecoveryReport report in candidates)
                {
                    TimeSpan gap = (report.Started!.Value - started).Duration();
                    if (gap <= Tolerance && gap < bestGap)
                    {
                        best = report;
                        bestGap = gap;
                    }
                }

                if (best != null)
                {
                    candidates.Remove(best);
                    test.Verdict = ReportVerdict.Of(best.Status);
                    test.Notes = best.Notes;
                    test.Rto = best.RtoSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
                    test.ReportIdentifier = best.Identifier;
                    TestRebuilder.Judge(test);
                }
            }
        }
    }
}
