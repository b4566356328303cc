using System;
using System.Collections.Generic;
using System.Linq;
using ZertoTasks.Json;

namespace ZertoTasks.FailoverTests
{
    /// <summary>One ZVM as -Latest sees it: the VPGs it lists (with their LastTest) and where its history starts.</summary>
    internal sealed class ListedVpgs
    {
        public ListedVpgs(string server, IReadOnlyDictionary<string, string?> names, IReadOnlyDictionary<string, string> lastTests, DateTime? historyStartDay)
        {
            Server = server;
            Names = names;
            LastTests = lastTests;
            HistoryStartDay = historyStartDay;
        }

        public string Server { get; }

        /// <summary>The VPGs of GET /v1/vpgs by identifier; empty when the list could not be read.</summary>
        public IReadOnlyDictionary<string, string?> Names { get; }

        /// <summary>The VPG list's lastTest by identifier, as written.</summary>
        public IReadOnlyDictionary<string, string> LastTests { get; }

        public DateTime? HistoryStartDay { get; }
    }

    /// <summary>
    /// Get-ZvmFailoverTest -Latest: one row per VPG the ZVMs list (also those never tested; a VPG
    /// listed by two paired ZVMs once), with its last test and last passed test; overdue when
    /// no test passed within the last N days. Overdue first, the longest overdue first.
    /// </summary>
    internal static class LatestTests
    {
        /// <summary>The default of -WithinDays: a quarter.</summary>
        public const int DefaultWithinDays = 90;

        public static List<ZvmVpgTestStatus> Build(IReadOnlyList<ListedVpgs> zvms, IReadOnlyList<ZvmFailoverTest> tests, int withinDays, DateTime now, Func<ZvmEntity, bool> selected)
        {
            var byVpg = tests.GroupBy(test => test.VpgIdentifier, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.OrdinalIgnoreCase);
            var rows = new List<ZvmVpgTestStatus>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (ListedVpgs zvm in zvms)
            {
                foreach (KeyValuePair<string, string?> vpg in zvm.Names)
                {
                    var entity = new ZvmEntity(vpg.Key, vpg.Value);
                    if (!selected(entity) || !seen.Add(vpg.Key))
                    {
                        continue;
                    }

                    List<ZvmFailoverTest> ofVpg = byVpg.TryGetValue(vpg.Key, out List<ZvmFailoverTest>? found) ? found : new List<ZvmFailoverTest>();
                    ZvmFailoverTest? last = ofVpg.Where(t => t.Started != null).OrderBy(t => t.Started).LastOrDefault();
                    ZvmFailoverTest? passed = ofVpg.Where(t => t.Started != null && t.Result == ZvmFailoverTestResult.Passed).OrderBy(t => t.Started).LastOrDefault();
                    int? days = passed == null ? (int?)null : (int)Math.Floor((now - passed.Started!.Value).TotalDays);
                    rows.Add(new ZvmVpgTestStatus
                    {
                        Vpg = entity,
                        Server = zvm.Server,
                        WithinDays = withinDays,
                        LastTest = last,
                        LastPassedTest = passed,
                        DaysSincePassed = days,
                        Overdue = days == null || passed!.Started!.Value < now.AddDays(-withinDays),
                        ZvmLastTest = zvm.LastTests.TryGetValue(vpg.Key, out string? lastTest) && ZvmDate.TryParse(lastTest, out DateTime date) ? date : (DateTime?)null,
                        HistorySince = zvm.HistoryStartDay,
                    });
                }
            }

            return rows
                .OrderByDescending(row => row.Overdue)
                .ThenBy(row => row.LastPassed ?? DateTime.MinValue)
                .ThenBy(row => row.Vpg.ToString(), StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
    }
}
