using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using ZertoTasks.FailoverTests;

namespace ZertoTasks.Tests
{
    public class RecoveryReportTests
    {
        [Theory]
        [InlineData("windows-failover-reports.json")]
        [InlineData("appliance-failover-reports.json")]
        public void Reads_the_recorded_reports_in_both_shapes(string file)
        {
            List<RecoveryReport> reports = RecoveryReportApi.Parse(File.ReadAllBytes(Path.Combine("Recordings", file)));
            Assert.Equal(6, reports.Count);
            Assert.Equal(5, reports.Count(r => r.IsFailoverTest));
            RecoveryReport exchange = reports.Single(r => r.VpgName == "Exchange-DAG");
            Assert.Equal("f147e485-0505-4255-aa6e-ec68105ba8e8", exchange.VpgIdentifier);
            Assert.Equal("Fail", exchange.Status);
            Assert.Equal("Mail flow did not resume on the DAG.", exchange.Notes);
            Assert.Equal(520, exchange.RtoSeconds);
            Assert.Equal(new DateTime(2026, 11, 10, 14, 0, 50, DateTimeKind.Utc), exchange.Started!.Value.ToUniversalTime());
        }

        [Fact]
        public void Nulls_numbers_and_unknown_members_are_tolerated()
        {
            byte[] body = Encoding.UTF8.GetBytes("[{\"general\":{\"vpgIdentifier\":\"v\",\"rtoInSeconds\":300,\"status\":null,\"startTime\":\"not a date\",\"extra\":[1]},\"x\":1},{\"general\":null}]");
            List<RecoveryReport> reports = RecoveryReportApi.Parse(body);
            Assert.Equal(300, reports[0].RtoSeconds);
            Assert.Null(reports[0].Started);
            Assert.Equal(string.Empty, reports[0].Status);
            Assert.Equal(string.Empty, reports[1].VpgIdentifier);
        }

        [Fact]
        public void Asks_for_failover_tests_a_page_of_1000_at_a_time()
        {
            Assert.Equal("v1/reports/recovery?recoveryType=FailoverTest&pageNumber=2&pageSize=1000", RecoveryReportApi.RelativeUri(null, 2));
            string since = RecoveryReportApi.RelativeUri(new DateTime(2026, 11, 1, 10, 0, 0, DateTimeKind.Utc), 1);
            Assert.EndsWith("&startTime=2026-11-01T09%3A50%3A00.000Z", since);
        }
    }

    public class HistoryStartTests
    {
        private static readonly DateTime Today = new DateTime(2026, 12, 6);

        // A history whose tasks start on the given days; each probe answers with the task the
        // "server" happens to list first: the newest, the oldest, or one in between.
        private static Func<DateTime, Task<DateTime?>> History(IEnumerable<DateTime> starts, string order, List<DateTime> asked)
        {
            List<DateTime> sorted = starts.OrderBy(s => s).ToList();
            return before =>
            {
                asked.Add(before);
                List<DateTime> earlier = sorted.Where(s => s < before).ToList();
                DateTime? answer = earlier.Count == 0 ? (DateTime?)null
                    : order == "newest" ? earlier[earlier.Count - 1]
                    : order == "oldest" ? earlier[0]
                    : earlier[earlier.Count / 2];
                return Task.FromResult(answer);
            };
        }

        [Theory]
        [InlineData("newest", 30)]
        [InlineData("oldest", 30)]
        [InlineData("middle", 30)]
        [InlineData("newest", 400)]
        [InlineData("middle", 3650)]
        public async Task Finds_the_day_of_the_oldest_task_in_few_probes(string order, int days)
        {
            var random = new Random(days);
            DateTime oldest = Today.AddDays(-days).AddHours(13.5);
            var starts = Enumerable.Range(0, 500).Select(_ => oldest.AddHours(random.NextDouble() * 24 * days)).Append(oldest).ToList();
            var asked = new List<DateTime>();
            DateTime? found = await HistoryStart.FindAsync(History(starts, order, asked), Today);
            Assert.Equal(oldest.Date, found);
            Assert.True(asked.Count <= 2 * Math.Ceiling(Math.Log(days, 2)) + 3, $"{asked.Count} probes for {days} days");
        }

        [Fact]
        public async Task An_empty_history_has_no_start()
        {
            var asked = new List<DateTime>();
            Assert.Null(await HistoryStart.FindAsync(History(new DateTime[0], "newest", asked), Today));
            Assert.Single(asked);
        }

        [Fact]
        public async Task A_known_day_is_confirmed_with_one_probe_and_moves_forward_when_tasks_were_purged()
        {
            var asked = new List<DateTime>();
            var starts = new[] { Today.AddDays(-20).AddHours(5), Today.AddDays(-3) };
            Assert.Equal(Today.AddDays(-20), await HistoryStart.FindAsync(History(starts, "newest", asked), Today, Today.AddDays(-20)));
            Assert.Single(asked);

            asked.Clear();
            Assert.Equal(Today.AddDays(-20), await HistoryStart.FindAsync(History(starts, "newest", asked), Today, Today.AddDays(-45)));
            Assert.True(asked.Count <= 10, $"{asked.Count} probes");
        }
    }
}
