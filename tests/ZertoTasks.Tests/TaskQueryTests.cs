using System;
using Xunit;
using ZertoTasks.Listing;

namespace ZertoTasks.Tests
{
    public class TaskQueryTests
    {
        [Fact]
        public void No_filter_is_the_plain_list() => Assert.Equal("v1/tasks", new TaskQuery().ToRelativeUri());

        [Fact]
        public void Every_filter_goes_into_the_query_in_utc()
        {
            var query = new TaskQuery
            {
                StartedBefore = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc),
                StartedAfter = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
                CompletedBefore = new DateTime(2026, 11, 3, 12, 30, 15, 250, DateTimeKind.Utc),
                CompletedAfter = new DateTime(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc),
                Type = ZvmTaskType.FailOverTest,
                Status = ZvmTaskState.Failed,
            };
            Assert.Equal(
                "v1/tasks?startedBeforeDate=2026-11-02T00%3A00%3A00.000Z&startedAfterDate=2026-11-01T00%3A00%3A00.000Z"
                + "&completedBeforeDate=2026-11-03T12%3A30%3A15.250Z&completedAfterDate=2026-10-31T23%3A00%3A00.000Z&type=FailOverTest&status=Failed",
                query.ToRelativeUri());
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void An_after_not_earlier_than_before_is_refused(bool started)
        {
            var later = new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc);
            var earlier = later.AddHours(-1);
            var query = started
                ? new TaskQuery { StartedAfter = later, StartedBefore = earlier }
                : new TaskQuery { CompletedAfter = later, CompletedBefore = earlier };
            var e = Assert.Throws<ZvmException>(query.Validate);
            Assert.Equal(ErrorIds.InvalidDateRange, e.ErrorId);
            Assert.Contains(started ? "-StartedAfter" : "-CompletedAfter", e.Message);
        }

        [Fact]
        public void A_refused_range_shows_the_dates_as_given_not_in_UTC()
        {
            var after = new DateTime(2026, 11, 20, 8, 30, 0, DateTimeKind.Local);
            var before = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Unspecified);
            var e = Assert.Throws<ZvmException>(new TaskQuery { StartedAfter = after, StartedBefore = before }.Validate);
            Assert.Contains("-StartedAfter (2026-11-20 08:30:00) is not earlier than -StartedBefore (2026-11-01 00:00:00)", e.Message);
            e = Assert.Throws<ZvmException>(new TaskQuery { CompletedAfter = after.ToUniversalTime(), CompletedBefore = after.ToUniversalTime() }.Validate);
            Assert.Contains("(" + after.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z)", e.Message);
        }

        [Fact]
        public void A_proper_window_passes() =>
            new TaskQuery { StartedAfter = DateTime.Now.AddDays(-1), StartedBefore = DateTime.Now }.Validate();
    }

    public class TaskIdentifierTests
    {
        private const string Id = "0c66b743-01d3-42c5-844b-bf5d4283ddb1.6b5b30d6-c090-4233-8466-5fe18bf39a4c";

        [Theory]
        [InlineData(Id)]
        [InlineData("0c66b743-01d3-42c5-844b-bf5d4283ddb1:6b5b30d6-c090-4233-8466-5fe18bf39a4c")]
        [InlineData("  " + Id + " ")]
        public void Guid_pairs_pass_in_the_dot_form_the_api_knows(string input) => Assert.Equal(Id, TaskIdentifier.Validate(input));

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        [InlineData("../session")]
        [InlineData(Id + "/../../session")]
        [InlineData(Id + "?x=1")]
        [InlineData(Id + "#frag")]
        [InlineData("0c66b743-01d3-42c5-844b-bf5d4283ddb1%2F6b5b30d6-c090-4233-8466-5fe18bf39a4c")]
        [InlineData(Id + "\r\nX-Injected: 1")]
        [InlineData("0c66b743-01d3-42c5-844b-bf5d4283ddb1")]
        [InlineData("0c66b743-01d3-42c5-844b-bf5d4283ddb1.6b5b30d6-c090-4233-8466-5fe18bf39a4c.extra")]
        public void Anything_else_is_refused(string? input)
        {
            var e = Assert.Throws<ZvmException>(() => TaskIdentifier.Validate(input));
            Assert.Equal(ErrorIds.InvalidTaskIdentifier, e.ErrorId);
            Assert.Equal(input, e.Target);
        }

        [Fact]
        public void The_path_escapes_the_separator() =>
            Assert.Equal("v1/tasks/0c66b743-01d3-42c5-844b-bf5d4283ddb1%3A6b5b30d6-c090-4233-8466-5fe18bf39a4c",
                TaskIdentifier.RelativeUri("0c66b743-01d3-42c5-844b-bf5d4283ddb1:6b5b30d6-c090-4233-8466-5fe18bf39a4c"));
    }
}
