using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using ZertoTasks.FailoverTests;

namespace ZertoTasks.Tests
{
    /// <summary>Every rule of issue 21 for rebuilding failover tests from FailOverTest and StopFailOverTest tasks.</summary>
    public class FailoverTestRebuildTests
    {
        private static readonly DateTime Day = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Local);
        private int _id;

        private ZvmTask Task(string type, string state, int hour, params string[] vpgs) => new ZvmTask
        {
            TaskIdentifier = $"t{++_id}",
            Type = type,
            State = state,
            Started = Day.AddHours(hour),
            Completed = state == "InProgress" ? (DateTime?)null : Day.AddHours(hour).AddMinutes(5),
            InitiatedBy = "user" + _id,
            CompleteReason = state == "Failed" ? "reason " + _id : string.Empty,
            Vpgs = new ZvmEntityList(vpgs, vpgs.Select(v => (string?)(v.ToUpperInvariant() + "-name")).ToArray()),
            Server = "zvm:443",
        };

        private ZvmTask Start(string state, int hour, params string[] vpgs) => Task("FailOverTest", state, hour, vpgs);

        private ZvmTask Stop(string state, int hour, params string[] vpgs) => Task("StopFailOverTest", state, hour, vpgs);

        private static List<ZvmFailoverTest> Rebuild(params ZvmTask[] tasks)
        {
            var rebuilder = new TestRebuilder();
            foreach (ZvmTask task in tasks)
            {
                rebuilder.Add(task);
            }

            return rebuilder.Build();
        }

        [Fact]
        public void A_start_and_its_stop_are_one_passed_test_whatever_order_they_come_in()
        {
            ZvmTask start = Start("Completed", 1, "a");
            ZvmTask stop = Stop("Completed", 3, "a");
            foreach (var order in new[] { new[] { start, stop }, new[] { stop, start } })
            {
                ZvmFailoverTest test = Assert.Single(Rebuild(order));
                Assert.Equal(ZvmFailoverTestResult.Passed, test.Result);
                Assert.Equal(start.Started, test.Started);
                Assert.Equal(stop.Started, test.Stopped);
                Assert.Equal(TimeSpan.FromHours(2), test.Duration);
                Assert.Equal(start.InitiatedBy, test.StartedBy);
                Assert.Equal(stop.InitiatedBy, test.StoppedBy);
                Assert.Equal(start.TaskIdentifier, test.StartTaskIdentifier);
                Assert.Equal(stop.TaskIdentifier, test.StopTaskIdentifier);
                Assert.Equal("A-name", test.VpgName);
                Assert.Equal("a", test.VpgIdentifier);
                Assert.Equal("zvm:443", test.Server);
            }
        }

        [Fact]
        public void A_failed_start_is_a_failed_test_without_a_stop_and_a_retry_is_a_test_of_its_own()
        {
            List<ZvmFailoverTest> tests = Rebuild(Start("Failed", 1, "a"), Start("Completed", 2, "a"), Stop("Completed", 4, "a"));
            Assert.Equal(2, tests.Count);
            Assert.Equal(ZvmFailoverTestResult.Failed, tests[0].Result);
            Assert.Equal("reason 1", tests[0].ResultReason);
            Assert.Null(tests[0].Stopped);
            Assert.Equal(string.Empty, tests[0].StopTaskIdentifier);
            Assert.Equal(ZvmFailoverTestResult.Passed, tests[1].Result);
            Assert.Equal("t3", tests[1].StopTaskIdentifier);
        }

        [Fact]
        public void A_stop_ends_the_latest_open_test_of_its_vpg_and_only_that_one()
        {
            // Two tests of a run at once (an older one never stopped), then one stop.
            List<ZvmFailoverTest> tests = Rebuild(Start("Completed", 1, "a"), Start("Completed", 2, "a"), Stop("Completed", 5, "a"), Start("Completed", 6, "a"));
            Assert.Equal(new[] { ZvmFailoverTestResult.Running, ZvmFailoverTestResult.Passed, ZvmFailoverTestResult.Running }, tests.Select(t => t.Result));
            Assert.Equal("t3", tests[1].StopTaskIdentifier);
        }

        [Fact]
        public void A_stop_never_ends_a_test_of_another_vpg_nor_one_that_started_after_it()
        {
            List<ZvmFailoverTest> tests = Rebuild(Start("Completed", 1, "a"), Stop("Completed", 2, "b"), Start("Completed", 3, "b"));
            Assert.Equal(3, tests.Count);
            ZvmFailoverTest ofA = tests.Single(t => t.VpgIdentifier == "a");
            Assert.Equal(ZvmFailoverTestResult.Running, ofA.Result);
            ZvmFailoverTest orphan = tests.Single(t => t.VpgIdentifier == "b" && t.Started == null);
            Assert.Equal("t2", orphan.StopTaskIdentifier);
            Assert.Equal(ZvmFailoverTestResult.Passed, orphan.Result);
            Assert.Equal(ZvmFailoverTestResult.Running, tests.Single(t => t.VpgIdentifier == "b" && t.Started != null).Result);
        }

        [Fact]
        public void A_task_naming_two_vpgs_is_a_test_of_each()
        {
            List<ZvmFailoverTest> tests = Rebuild(Start("Completed", 1, "a", "b"), Stop("Completed", 2, "a", "b"));
            Assert.Equal(new[] { "a", "b" }, tests.Select(t => t.VpgIdentifier).OrderBy(v => v));
            Assert.All(tests, t => Assert.Equal(ZvmFailoverTestResult.Passed, t.Result));
            Assert.Equal(new[] { "A-name", "B-name" }, tests.Select(t => t.VpgName).OrderBy(v => v));
        }

        [Fact]
        public void A_running_test_and_a_starting_one()
        {
            Assert.Equal(ZvmFailoverTestResult.Running, Assert.Single(Rebuild(Start("Completed", 1, "a"))).Result);
            Assert.Equal(ZvmFailoverTestResult.Starting, Assert.Single(Rebuild(Start("InProgress", 1, "a"))).Result);
            ZvmFailoverTest running = Assert.Single(Rebuild(Start("Completed", 1, "a")));
            Assert.Null(running.Stopped);
            Assert.Null(running.Duration);
        }

        [Fact]
        public void A_stop_in_progress_is_stopping()
        {
            ZvmFailoverTest test = Assert.Single(Rebuild(Start("Completed", 1, "a"), Stop("InProgress", 3, "a")));
            Assert.Equal(ZvmFailoverTestResult.Stopping, test.Result);
            Assert.Equal(TimeSpan.FromHours(2), test.Duration);
        }

        [Fact]
        public void A_stop_that_failed_leaves_the_test_open_and_a_later_stop_ends_it()
        {
            ZvmFailoverTest failed = Assert.Single(Rebuild(Start("Completed", 1, "a"), Stop("Failed", 3, "a")));
            Assert.Equal(ZvmFailoverTestResult.StopFailed, failed.Result);
            Assert.StartsWith("reason 2", failed.ResultReason);
            Assert.Contains("may still be up", failed.ResultReason);

            _id = 0;
            ZvmFailoverTest retried = Assert.Single(Rebuild(Start("Completed", 1, "a"), Stop("Failed", 3, "a"), Stop("Completed", 4, "a")));
            Assert.Equal(ZvmFailoverTestResult.Passed, retried.Result);
            Assert.Equal("t3", retried.StopTaskIdentifier);
            Assert.Equal(TimeSpan.FromHours(3), retried.Duration);
        }

        [Fact]
        public void A_cancelled_start_is_cancelled_and_takes_no_stop()
        {
            List<ZvmFailoverTest> tests = Rebuild(Start("Stopped", 1, "a"), Stop("Completed", 2, "a"));
            Assert.Equal(ZvmFailoverTestResult.Cancelled, tests[0].Result);
            Assert.Equal(string.Empty, tests[0].StopTaskIdentifier);
            Assert.Null(tests[1].Started);
        }

        [Fact]
        public void Other_types_are_ignored()
        {
            var rebuilder = new TestRebuilder();
            rebuilder.Add(Task("FailOver", "Completed", 1, "a"));
            rebuilder.Add(Task("InitFullSync", "Completed", 1, "a"));
            Assert.Empty(rebuilder.Build());
            Assert.Equal(0, rebuilder.TaskCount);
        }

        [Fact]
        public void The_testers_failed_verdict_makes_a_test_failed_and_a_passed_one_keeps_it_passed()
        {
            List<ZvmFailoverTest> tests = Rebuild(Start("Completed", 1, "a"), Stop("Completed", 2, "a"), Start("Completed", 5, "a"), Stop("Completed", 6, "a"));
            ReportMatcher.Apply(tests, new[]
            {
                Report("a", Day.AddHours(1).AddSeconds(40), "Fail", "DB did not mount"),
                Report("A", Day.AddHours(5).AddMinutes(-2), "Success", "fine", rto: 420),
            });
            Assert.Equal(ZvmFailoverTestResult.Failed, tests[0].Result);
            Assert.Equal("The tester marked the test failed: DB did not mount", tests[0].ResultReason);
            Assert.Equal(ReportVerdict.Failed, tests[0].Verdict);
            Assert.Equal(ZvmFailoverTestResult.Passed, tests[1].Result);
            Assert.Equal(ReportVerdict.Passed, tests[1].Verdict);
            Assert.Equal("fine", tests[1].Notes);
            Assert.Equal(TimeSpan.FromSeconds(420), tests[1].Rto);
        }

        [Fact]
        public void Reports_match_by_vpg_identifier_within_a_few_minutes_closest_first_and_once()
        {
            List<ZvmFailoverTest> tests = Rebuild(Start("Completed", 1, "a"), Stop("Completed", 2, "a"), Start("Completed", 1, "b"), Stop("Completed", 2, "b"));
            ReportMatcher.Apply(tests, new[]
            {
                Report("a", Day.AddHours(1).AddMinutes(6), "Fail", "too late"),
                Report("b", Day.AddHours(1).AddMinutes(3), "Fail", "far"),
                Report("b", Day.AddHours(1).AddSeconds(30), "Success", "near"),
                Report("a", Day.AddHours(1), "Fail", "a move", type: "Move"),
            });
            Assert.Equal(string.Empty, tests.Single(t => t.VpgIdentifier == "a").Verdict);
            Assert.Equal(ZvmFailoverTestResult.Passed, tests.Single(t => t.VpgIdentifier == "a").Result);
            Assert.Equal("near", tests.Single(t => t.VpgIdentifier == "b").Notes);
        }

        [Theory]
        [InlineData("Success", "Passed")]
        [InlineData("Passed", "Passed")]
        [InlineData("Fail", "Failed")]
        [InlineData("FAILED", "Failed")]
        [InlineData("Pending", "Pending")]
        [InlineData(null, "")]
        public void Verdict_words_are_matched_tolerantly(string? status, string verdict) => Assert.Equal(verdict, ReportVerdict.Of(status));

        private static RecoveryReport Report(string vpg, DateTime started, string status, string notes, int? rto = null, string type = "FailoverTest") => new RecoveryReport
        {
            Identifier = "r-" + notes,
            VpgIdentifier = vpg,
            RecoveryType = type,
            Started = started,
            Status = status,
            Notes = notes,
            RtoSeconds = rto,
        };
    }
}
