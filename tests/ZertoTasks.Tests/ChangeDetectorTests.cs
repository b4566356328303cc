using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using ZertoTasks.Watching;

namespace ZertoTasks.Tests
{
    public class ChangeDetectorTests
    {
        // The ZVM's clock: all times a detector sees are the ZVM's own.
        private static readonly DateTime Now = new DateTime(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

        internal static ZvmTask Task(string id, string state, double startedMinutes, double? completedMinutes = null, int progress = 0, string type = "FailOverTest") =>
            new ZvmTask
            {
                TaskIdentifier = id,
                Type = type,
                State = state,
                Progress = progress,
                Started = Now.AddMinutes(startedMinutes).ToLocalTime(),
                Completed = completedMinutes is double c ? Now.AddMinutes(c).ToLocalTime() : (DateTime?)null,
            };

        private static ChangeDetector Begun(WatchRules? rules = null, DateTime? since = null)
        {
            var detector = new ChangeDetector(rules ?? new WatchRules());
            detector.Begin(Now, since);
            return detector;
        }

        private static string Describe(IEnumerable<ZvmTaskChange> changes) =>
            string.Join(" ", changes.Select(c => $"{c.TaskIdentifier}:{c.Change}:{c.PreviousState ?? "-"}>{c.State}"));

        [Fact]
        public void The_first_poll_only_learns_then_each_change_is_written_once()
        {
            var detector = Begun();
            Assert.Empty(detector.Observe(new[] { Task("a", "InProgress", -5), Task("old", "Completed", -30, -0.5) }, sawAllRunning: true));

            var b = Task("b", "InProgress", 0.1);
            Assert.Equal("b:New:->InProgress", Describe(detector.Observe(new[] { Task("a", "InProgress", -5), b }, true)));
            Assert.Equal("a:State:InProgress>WaitingForUserInput", Describe(detector.Observe(new[] { Task("a", "WaitingForUserInput", -5), b }, true)));

            // The same answers again and again, as overlapping windows give: nothing more.
            for (int poll = 0; poll < 50; poll++)
            {
                Assert.Empty(detector.Observe(new[] { Task("a", "WaitingForUserInput", -5), b, Task("old", "Completed", -30, -0.5) }, true));
            }

            var ended = detector.Observe(new[] { Task("a", "Completed", -5, 1, 100), Task("b", "Failed", 0.1, 1.5) }, true);
            Assert.Equal("a:State:WaitingForUserInput>Completed b:State:InProgress>Failed", Describe(ended));
            for (int poll = 0; poll < 50; poll++)
            {
                Assert.Empty(detector.Observe(new[] { Task("a", "Completed", -5, 1, 100), Task("b", "Failed", 0.1, 1.5) }, true));
            }
        }

        [Fact]
        public void A_task_that_started_and_ended_between_two_polls_is_written_once_in_its_end_state()
        {
            var detector = Begun();
            detector.Observe(new ZvmTask[0], true);
            var changes = detector.Observe(new[] { Task("brief", "Failed", 0.2, 0.3) }, true);
            Assert.Equal("brief:New:->Failed", Describe(changes));
            Assert.Null(changes[0].PreviousProgress);
        }

        [Fact]
        public void Since_writes_what_started_or_ended_after_it_and_what_runs_in_the_order_it_happened()
        {
            var detector = Begun(since: Now.AddMinutes(-60));
            var changes = detector.Observe(new[]
            {
                Task("running-for-days", "InProgress", -3000),
                Task("ended-after", "Failed", -3000, -10),
                Task("started-after", "Completed", -50, -40),
                Task("ended-before", "Completed", -3000, -61),
                Task("started-now", "InProgress", -1),
            }, true);
            Assert.Equal("running-for-days:New:->InProgress started-after:New:->Completed ended-after:New:->Failed started-now:New:->InProgress", Describe(changes));
        }

        [Fact]
        public void Progress_is_written_only_when_asked()
        {
            var quiet = Begun();
            var chatty = Begun(new WatchRules(includeProgress: true));
            foreach (var detector in new[] { quiet, chatty })
            {
                detector.Observe(new[] { Task("a", "InProgress", -5, progress: 10) }, true);
            }

            Assert.Empty(quiet.Observe(new[] { Task("a", "InProgress", -5, progress: 40) }, true));
            var change = Assert.Single(chatty.Observe(new[] { Task("a", "InProgress", -5, progress: 40) }, true));
            Assert.Equal(ZvmTaskChangeKind.Progress, change.Change);
            Assert.Equal(10, change.PreviousProgress);
            Assert.Equal(40, change.Progress);
        }

        [Fact]
        public void Status_writes_only_tasks_that_reached_one_of_its_states_and_type_only_its_types()
        {
            var detector = Begun(new WatchRules(new[] { ZvmTaskState.Failed }, new[] { ZvmTaskType.FailOverTest }));
            detector.Observe(new[] { Task("a", "InProgress", -5) }, true);
            var changes = detector.Observe(new[]
            {
                Task("a", "Failed", -5, 0.5),
                Task("b", "Completed", 0.1, 0.2),
                Task("c", "Failed", 0.1, 0.3),
                Task("d", "Failed", 0.1, 0.4, type: "Move"),
                Task("e", "InProgress", 0.1),
            }, true);
            Assert.Equal("c:New:->Failed a:State:InProgress>Failed", Describe(changes));
        }

        [Fact]
        public void Remembers_what_runs_and_what_just_ended_not_the_history()
        {
            var detector = Begun();
            detector.Observe(new ZvmTask[0], true);
            for (int minute = 0; minute < 2_000; minute++)
            {
                // Each poll: ten tasks that started and ended in the last minute, one that keeps running.
                var answer = Enumerable.Range(0, 10).Select(i => Task($"{minute}-{i}", "Completed", minute + 0.01 * i, minute + 0.5))
                    .Append(Task("long", "InProgress", 0.5)).ToList();
                Assert.Equal(minute == 0 ? 11 : 10, detector.Observe(answer, true).Count);
            }

            Assert.InRange(detector.Remembered, 11, 11 + 20 * 10);
        }

        [Fact]
        public void A_running_task_missing_from_a_look_at_every_running_task_is_to_be_read_by_id()
        {
            var detector = Begun();
            detector.Observe(new[] { Task("a", "InProgress", -5), Task("b", "Paused", -5) }, true);
            detector.Observe(new[] { Task("b", "Paused", -5) }, sawAllRunning: true);
            Assert.Equal(new[] { "a" }, detector.Vanished);
            detector.Forget("a");
            Assert.Empty(detector.Vanished);
            Assert.Equal(new[] { "b" }, detector.Running);
        }

        [Fact]
        public void Changes_after_the_stop_time_are_left_to_the_next_watch()
        {
            var detector = Begun(since: Now.AddMinutes(-10));
            var changes = detector.Observe(new[] { Task("before", "Failed", -5, -4), Task("after", "Failed", -5, 1) }, true, untilZvm: Now);
            Assert.Equal("before:New:->Failed", Describe(changes));

            // The next watch starts where this one stopped, and writes the other: each once across the two.
            var next = Begun(since: Now);
            Assert.Equal("after:New:->Failed", Describe(next.Observe(new[] { Task("before", "Failed", -5, -4), Task("after", "Failed", -5, 1) }, true)));
        }

        [Fact]
        public void A_task_in_two_answers_of_one_poll_counts_in_its_end_state()
        {
            var detector = Begun();
            detector.Observe(new[] { Task("a", "InProgress", -5) }, true);
            var changes = detector.Observe(new[] { Task("a", "Completed", -5, 0.1), Task("a", "InProgress", -5) }, true);
            Assert.Equal("a:State:InProgress>Completed", Describe(changes));
        }

        [Fact]
        public void The_windows_follow_the_ZVM_times_of_the_tasks_not_this_machines_clock()
        {
            // The ZVM is 10 minutes ahead: its tasks' times are what the windows start from.
            var detector = Begun();
            detector.Observe(new ZvmTask[0], true);
            detector.Observe(new[] { Task("a", "Completed", 10, 10.5) }, true);
            Assert.Equal(Now.AddMinutes(10), detector.StartedMark);
            Assert.Equal(Now.AddMinutes(10.5), detector.CompletedMark);
        }
    }
}
