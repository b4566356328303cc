using System;
using System.Linq;
using Xunit;
using ZertoTasks.Watching;
using static ZertoTasks.Tests.ChangeDetectorTests;

namespace ZertoTasks.Tests
{
    public class PollPlanTests
    {
        private static readonly DateTime Now = new DateTime(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

        private static string Uris(PollPlan plan) => string.Join(" ", plan.Queries.Select(q => q.ToRelativeUri()));

        [Fact]
        public void The_first_poll_asks_two_windows_and_each_state_a_task_leaves_never_the_history()
        {
            var rules = new WatchRules();
            var seen = new ChangeDetector(rules);
            seen.Begin(Now, null);
            var plan = PollPlan.Next(seen, rules, first: true);
            Assert.Equal(
                "v1/tasks?startedAfterDate=2026-12-06T11%3A59%3A00.000Z v1/tasks?completedAfterDate=2026-12-06T11%3A59%3A00.000Z " +
                "v1/tasks?status=InProgress v1/tasks?status=WaitingForUserInput v1/tasks?status=Paused v1/tasks?status=Cancelling",
                Uris(plan));
            Assert.Empty(plan.Reads);
            Assert.True(plan.AsksAllRunning);
        }

        [Fact]
        public void Few_running_tasks_are_read_one_by_one_many_by_state_leaving_InProgress_out()
        {
            var rules = new WatchRules();
            var seen = new ChangeDetector(rules);
            seen.Begin(Now, null);
            seen.Observe(new[] { Task("a", "InProgress", -5), Task("b", "Paused", -5) }, true);
            var few = PollPlan.Next(seen, rules, first: false);
            Assert.Equal(2, few.Queries.Count);
            Assert.Equal(new[] { "a", "b" }, few.Reads.OrderBy(id => id));
            Assert.Null(few.StatesAsked);

            seen.Observe(Enumerable.Range(0, 5).Select(i => Task("r" + i, "InProgress", -1)).Append(Task("a", "InProgress", -5)).Append(Task("b", "Paused", -5)), true);
            var many = PollPlan.Next(seen, rules, first: false);
            Assert.Equal(
                "v1/tasks?startedAfterDate=2026-12-06T11%3A59%3A00.000Z v1/tasks?completedAfterDate=2026-12-06T11%3A59%3A00.000Z " +
                "v1/tasks?status=WaitingForUserInput v1/tasks?status=Paused v1/tasks?status=Cancelling",
                Uris(many));
            Assert.Empty(many.Reads);

            // A Paused task missing from the Paused answer is read by id; InProgress ones were not asked.
            seen.Observe(new ZvmTask[0], many.AsksAllRunning, null, many.StatesAsked);
            Assert.Equal(new[] { "b" }, seen.Vanished);
            Assert.Equal(new[] { "b" }, PollPlan.Next(seen, rules, first: false).Reads);

            var progress = new WatchRules(includeProgress: true);
            var followed = new ChangeDetector(progress);
            followed.Begin(Now, null);
            followed.Observe(Enumerable.Range(0, 5).Select(i => Task("r" + i, "InProgress", -1)), true);
            Assert.Equal(6, PollPlan.Next(followed, progress, first: false).Queries.Count);
        }

        [Fact]
        public void Only_end_states_asked_for_need_only_the_window_of_ended_tasks()
        {
            var rules = new WatchRules(new[] { ZvmTaskState.Failed, ZvmTaskState.Stopped });
            var seen = new ChangeDetector(rules);
            seen.Begin(Now, Now.AddHours(-1));
            Assert.Equal("v1/tasks?completedAfterDate=2026-12-06T10%3A59%3A00.000Z", Uris(PollPlan.Next(seen, rules, first: true)));
        }

        [Fact]
        public void The_windows_move_with_the_latest_times_seen_less_the_overlap()
        {
            var rules = new WatchRules { Overlap = TimeSpan.FromSeconds(30) };
            var seen = new ChangeDetector(rules);
            seen.Begin(Now, null);
            seen.Observe(new[] { Task("a", "Completed", 2, 3) }, true);
            var plan = PollPlan.Next(seen, rules, first: false);
            Assert.Equal("v1/tasks?startedAfterDate=2026-12-06T12%3A01%3A30.000Z v1/tasks?completedAfterDate=2026-12-06T12%3A02%3A30.000Z", Uris(plan));
        }

        [Fact]
        public void No_plan_ever_asks_without_a_window_or_for_an_end_state()
        {
            foreach (var rules in new[] { new WatchRules(), new WatchRules(new[] { ZvmTaskState.Failed }), new WatchRules(includeProgress: true) })
            {
                var seen = new ChangeDetector(rules);
                seen.Begin(Now, null);
                for (int poll = 0; poll < 3; poll++)
                {
                    foreach (var query in PollPlan.Next(seen, rules, poll == 0).Queries)
                    {
                        Assert.True(query.StartedAfter.HasValue || query.CompletedAfter.HasValue || query.Status.HasValue);
                        Assert.DoesNotContain(query.Status, new ZvmTaskState?[] { ZvmTaskState.Failed, ZvmTaskState.Completed, ZvmTaskState.Stopped });
                    }

                    seen.Observe(new[] { Task("t" + poll, "InProgress", poll) }, true);
                }
            }
        }
    }
}
