using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ZertoTasks.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    /// <summary>One bad task costs one task; broken JSON still ends the answer; the list ends at its ']'.</summary>
    public class TaskListReaderBadTaskTests
    {
        // Reads to the end, keeping the tasks and the errors of the tasks left out.
        internal static (List<ZvmTask> Tasks, List<ZvmException> Skipped) ReadSkipping(TaskListReader reader)
        {
            var tasks = new List<ZvmTask>();
            var skipped = new List<ZvmException>();
            using (reader)
            {
                while (true)
                {
                    try
                    {
                        if (reader.ReadNextAsync().AsTask().GetAwaiter().GetResult() is not ZvmTask task)
                        {
                            break;
                        }

                        tasks.Add(task);
                    }
                    catch (ZvmException e) when (reader.SkippedOne(e))
                    {
                        skipped.Add(e);
                    }
                }
            }

            return (tasks, skipped);
        }

        private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);

        // The Windows shape: TaskIdentifier comes after Status and the dates.
        private static string Task(int n, string status = "{\"Progress\":50,\"State\":1}", string started = "\"/Date(1520423876840)/\"") =>
            $"{{\"Started\":{started},\"Status\":{status},\"TaskIdentifier\":\"task-{n}\",\"Type\":\"Move\"}}";

        [Theory]
        [InlineData("{\"Progress\":1e400,\"State\":1}", "Status.Progress is 1e400, not a whole number from -2147483648 to 2147483647")]
        [InlineData("{\"Progress\":50,\"State\":99999999999}", "Status.State is 99999999999, neither a name nor a whole number")]
        [InlineData("{\"Progress\":\"half\",\"State\":1}", "Status.Progress is 'half', not a number")]
        [InlineData("\"Failed\"", "Status is 'Failed', not an object")]
        [InlineData("[1,{\"a\":[2]}]", "Status is an array, not an object")]
        public void A_bad_value_costs_its_task_only_and_the_error_names_task_field_and_value(string status, string expected)
        {
            string list = "[" + Task(1) + "," + Task(2, status: status) + "," + Task(3) + "]";
            foreach (string piece in new[] { "1", "7", "16384", "random" })
            {
                var (tasks, skipped) = ReadSkipping(new TaskListReader(TaskListReaderTests.InPieces(Text(list), piece), "zvm:9669"));
                Assert.Equal(new[] { "task-1", "task-3" }, tasks.Select(t => t.TaskIdentifier));
                ZvmException e = Assert.Single(skipped);
                Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
                Assert.Equal("task-2", e.Target);
                Assert.Contains("task task-2 (task 2 of the list)", e.Message);
                Assert.Contains(expected, e.Message);
            }
        }

        [Theory]
        [InlineData("\"/Date(999999999999999)/\"", "Started is '/Date(999999999999999)/', a date beyond 9999-12-31")]
        [InlineData("\"/Date(-999999999999999+0300)/\"", "Started is '/Date(-999999999999999+0300)/', a date before 0001-01-01")]
        [InlineData("\"/Date(99999999999999999999999)/\"", "a date beyond 9999-12-31")]
        [InlineData("\"yesterday\"", "Started is 'yesterday', not a date (neither /Date(milliseconds)/ nor ISO 8601)")]
        [InlineData("\"2025-13-45T10:00:00Z\"", "Started is '2025-13-45T10:00:00Z', not a valid date")]
        [InlineData("12", "Started is 12, not a date")]
        public void Date_errors_say_what_is_wrong_with_the_date(string started, string expected)
        {
            string list = "[" + Task(1, started: started) + "," + Task(2) + "]";
            var (tasks, skipped) = ReadSkipping(new TaskListReader(new MemoryStream(Text(list)), "zvm:9669"));
            Assert.Equal(new[] { "task-2" }, tasks.Select(t => t.TaskIdentifier));
            Assert.Contains(expected, Assert.Single(skipped).Message);
        }

        [Fact]
        public void A_bad_task_without_an_identifier_is_named_by_its_position()
        {
            string list = "[" + Task(1) + ",{\"Type\":{\"x\":1}}," + Task(3) + "]";
            var (tasks, skipped) = ReadSkipping(new TaskListReader(new MemoryStream(Text(list)), "zvm:9669"));
            Assert.Equal(2, tasks.Count);
            ZvmException e = Assert.Single(skipped);
            Assert.Contains("task 2 of the list (it has no identifier)", e.Message);
            Assert.Contains("Type is an object, not a name or a number", e.Message);
            Assert.Equal("zvm:9669", e.Target);
        }

        [Fact]
        public void An_appliance_task_is_named_by_its_link_identifier()
        {
            string list = "[{\"status\":{\"progress\":1e400},\"link\":{\"identifier\":\"app-1\"}},{\"link\":{\"identifier\":\"app-2\"}}]";
            var (tasks, skipped) = ReadSkipping(new TaskListReader(new MemoryStream(Text(list)), "zvm"));
            Assert.Equal("app-2", Assert.Single(tasks).TaskIdentifier);
            Assert.Equal("app-1", Assert.Single(skipped).Target);
        }

        [Theory]
        [InlineData("5", "the list holds a number (5) where a task object belongs")]
        [InlineData("\"a \\\"quoted\\\" ]text\"", "the list holds a string (\"a \\\"quoted\\\" ]text\") where a task object belongs")]
        [InlineData("[1, [2, \"]\"], {\"x\": 3}]", "the list holds an array where a task object belongs")]
        [InlineData("null", "the list holds null (null) where a task object belongs")]
        [InlineData("true", "the list holds a boolean (true) where a task object belongs")]
        public void A_value_that_is_no_task_object_costs_one_task_whatever_the_piece_size(string value, string expected)
        {
            string list = "[" + Task(1) + ", " + value + " ," + Task(3) + "]";
            foreach (string piece in new[] { "1", "7", "16384", "random" })
            {
                var (tasks, skipped) = ReadSkipping(new TaskListReader(TaskListReaderTests.InPieces(Text(list), piece), "zvm:9669"));
                Assert.Equal(new[] { "task-1", "task-3" }, tasks.Select(t => t.TaskIdentifier));
                ZvmException e = Assert.Single(skipped);
                Assert.Contains("task 2 of the list, " + expected, e.Message);
                Assert.Equal("zvm:9669", e.Target);
            }
        }

        [Fact]
        public void Broken_json_in_a_task_still_ends_the_answer()
        {
            string list = "[" + Task(1) + ",{\"Status\":{\"Progress\":5,,}}," + Task(3) + "]";
            var tasks = new List<ZvmTask>();
            var e = Assert.Throws<ZvmException>(() => TaskListReaderTests.ReadAll(new TaskListReader(new MemoryStream(Text(list)), "zvm"), tasks));
            Assert.Single(tasks);
            Assert.Contains("task 2 is not valid JSON", e.Message);
        }

        [Fact]
        public async Task The_hundredth_bad_task_ends_the_answer_with_one_error()
        {
            var list = new StringBuilder("[");
            for (int i = 1; i <= 250; i++)
            {
                list.Append(i % 2 == 0 ? Task(i) : Task(i, status: "{\"Progress\":1e400}")).Append(i < 250 ? "," : "]");
            }

            var tasks = new List<ZvmTask>();
            var skipped = new List<ZvmException>();
            using var reader = new TaskListReader(new MemoryStream(Text(list.ToString())), "zvm");
            ZvmException? end = null;
            while (end == null)
            {
                try
                {
                    if (await reader.ReadNextAsync() is not ZvmTask task)
                    {
                        break;
                    }

                    tasks.Add(task);
                }
                catch (ZvmException e)
                {
                    if (reader.SkippedOne(e))
                    {
                        skipped.Add(e);
                    }
                    else
                    {
                        end = e;
                    }
                }
            }

            Assert.Equal(TaskListReader.MaxBadTasks - 1, skipped.Count);
            Assert.Equal(99, tasks.Count);
            Assert.NotNull(end);
            Assert.Contains("100 of its tasks could not be read, the last task task-199", end!.Message);
        }

        [Fact]
        public void Unknown_fields_and_type_names_are_still_no_error()
        {
            string list = "[{\"TaskIdentifier\":\"t\",\"Type\":\"BrandNew\",\"Future\":{\"deep\":[1e400]},\"Status\":{\"Progress\":1,\"Extra\":\"x\"}}]";
            var (tasks, skipped) = ReadSkipping(new TaskListReader(new MemoryStream(Text(list)), "zvm"));
            Assert.Equal("BrandNew", Assert.Single(tasks).Type);
            Assert.Empty(skipped);
        }

        [Fact]
        public async Task A_connection_left_open_after_the_closing_bracket_ends_the_list_without_error()
        {
            var body = new OpenEndedStream(Text("[" + Task(1) + "," + Task(2) + "]\r\n"));
            using var reader = new TaskListReader(body, "zvm");
            Assert.NotNull(await reader.ReadNextAsync());
            Assert.NotNull(await reader.ReadNextAsync());
            Assert.Null(await reader.ReadNextAsync());
            Assert.Null(await reader.ReadNextAsync());
            Assert.Equal(1, body.PendingReads);
        }

        [Fact]
        public async Task Junk_that_arrives_after_the_closing_bracket_is_still_an_error()
        {
            // In a read of its own, but at once: a delay here would race the reader's grace on a loaded machine.
            var body = new OpenEndedStream(Text("[" + Task(1) + "]"), later: Text("<html>"), laterAfter: TimeSpan.Zero);
            using var reader = new TaskListReader(body, "zvm");
            Assert.NotNull(await reader.ReadNextAsync());
            var e = await Assert.ThrowsAsync<ZvmException>(async () => await reader.ReadNextAsync());
            Assert.Contains("'<' is invalid after the list of tasks", e.Message);
        }

        [Fact]
        public void Junk_in_the_same_piece_as_the_closing_bracket_is_an_error()
        {
            var body = new OpenEndedStream(Text("[" + Task(1) + "] x"));
            var e = Assert.Throws<ZvmException>(() => TaskListReaderTests.ReadAll(new TaskListReader(body, "zvm")));
            Assert.Contains("'x' is invalid after the list of tasks", e.Message);
        }

        [Fact]
        public void A_single_task_answer_with_a_bad_value_is_a_json_error_naming_it()
        {
            var e = Assert.Throws<System.Text.Json.JsonException>(() => TaskJsonParser.Parse(Text(Task(1, status: "{\"Progress\":1e400}")), "zvm"));
            Assert.Contains("Status.Progress is 1e400", e.Message);
        }
    }
}
