using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ZertoTasks.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    /// <summary>
    /// The reader's work stays linear in what it is sent, however the body is cut, and its two
    /// bounds hold: one task, the whole answer. Work is counted (bytes looked at or moved per
    /// byte received), never timed.
    /// </summary>
    public class TaskListReaderLimitTests
    {
        // Each byte is skipped, or scanned and parsed, and moved in the buffer a bounded number of times.
        private const double MostWorkPerByte = 4.0;

        private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

        private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        private static byte[] Spaces(int count) => Enumerable.Repeat((byte)' ', count).ToArray();

        private static (List<ZvmTask> Tasks, TaskListReader Reader) Read(Stream body, int maxTask = TaskListReader.DefaultMaxTaskBytes, long maxAnswer = TaskListReader.DefaultMaxAnswerBytes)
        {
            var reader = new TaskListReader(body, "zvm:9669", maxTask, maxAnswer);
            return (TaskListReaderTests.ReadAll(reader), reader);
        }

        private static void AssertLinear(TaskListReader reader)
        {
            Assert.True(reader.BytesReceived > 0);
            double perByte = (double)reader.BytesExamined / reader.BytesReceived;
            Assert.True(perByte <= MostWorkPerByte, $"{reader.BytesExamined} bytes of work for {reader.BytesReceived} received ({perByte:0.00} per byte)");
        }

        // Only names here: xunit keeps theory data for every test case it discovers.
        public static IEnumerable<object[]> Bodies() =>
            from body in new[] { "recording", "spaces", "large task", "spaced tasks" }
            from piece in new[] { "1", "7", "16384", "random" }
            select new object[] { body, piece };

        private static byte[] Body(string name, string piece)
        {
            byte[] recording = TaskListReaderTests.Recording("windows-tasks.json");
            int start = Array.IndexOf(recording, (byte)'{');
            var first = new System.Text.Json.Utf8JsonReader(recording.AsSpan(start), isFinalBlock: true, state: default);
            first.Read();
            first.Skip();
            string task = Encoding.UTF8.GetString(recording, start, (int)first.BytesConsumed);
            return name switch
            {
                "recording" => recording,
                // White space between tasks, kept nowhere.
                "spaces" => Concat(Text("["), Spaces(piece == "1" ? 1_000_000 : 8_000_000), Text("]")),
                // One large task arriving in pieces: scanned on, not started again.
                "large task" => Text($"[{{\"CompleteReason\":\"{new string('x', 900_000)}\"}}, {task}]"),
                // Many tasks, each with white space around it.
                _ => Text("[" + string.Join(",", Enumerable.Repeat($"\r\n   {task}   ", 300)) + "]"),
            };
        }

        [Theory]
        [InlineData("string", "1")]
        [InlineData("string", "random")]
        [InlineData("number", "1")]
        [InlineData("array", "1")]
        [InlineData("array", "random")]
        public void A_large_value_where_a_task_was_due_is_skipped_in_linear_work(string kind, string piece)
        {
            string value = kind switch
            {
                "string" => "\"" + new string('x', 300_000) + "\"",
                "number" => new string('7', 300_000),
                _ => "[" + string.Join(",", Enumerable.Repeat("[1,\"a\"]", 30_000)) + "]",
            };
            byte[] bytes = Text("[" + value + ", {\"TaskIdentifier\":\"after\"}]");
            var reader = new TaskListReader(TaskListReaderTests.InPieces(bytes, piece), "zvm:9669");
            var (tasks, skipped) = TaskListReaderBadTaskTests.ReadSkipping(reader);
            Assert.Equal("after", Assert.Single(tasks).TaskIdentifier);
            Assert.Single(skipped);
            AssertLinear(reader);
        }

        [Theory]
        [MemberData(nameof(Bodies))]
        public void Work_is_linear_in_the_bytes_received(string body, string piece)
        {
            byte[] bytes = Body(body, piece);
            (List<ZvmTask> tasks, TaskListReader reader) = Read(TaskListReaderTests.InPieces(bytes, piece));
            Assert.Equal(bytes.Length, reader.BytesReceived);
            AssertLinear(reader);
            if (body == "spaced tasks")
            {
                Assert.Equal(300, tasks.Count);
            }
        }

        [Theory]
        [MemberData(nameof(TaskListReaderTests.Pieces), MemberType = typeof(TaskListReaderTests))]
        public void A_task_larger_than_the_limit_is_the_modules_error_naming_it_and_the_tasks_before_it_stay(string piece)
        {
            byte[] body = Text($"[{{\"Type\":\"Move\"}}, {{\"CompleteReason\":\"{new string('x', 1024 * 1024)}\"}}, {{\"Type\":\"Move\"}}]");
            var reader = new TaskListReader(TaskListReaderTests.InPieces(body, piece), "zvm:9669");
            var tasks = new List<ZvmTask>();
            var e = Assert.Throws<ZvmException>(() => TaskListReaderTests.ReadAll(reader, tasks));
            Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
            Assert.Equal("The task list from zvm:9669 could not be read after 1 task(s): task 2 is larger than 1 MB, the most one task may take.", e.Message);
            Assert.Single(tasks);
            // It stopped reading soon after the limit rather than buffering the rest.
            Assert.InRange(reader.BytesReceived, 1024 * 1024, 1024 * 1024 + 64 * 1024);
            AssertLinear(reader);
        }

        [Fact]
        public void A_task_just_within_the_limit_is_read()
        {
            string filler = new string('x', 4096 - "{\"CompleteReason\":\"\"}".Length);
            byte[] body = Text($"[{{\"CompleteReason\":\"{filler}\"}}]");
            (List<ZvmTask> tasks, _) = Read(new MemoryStream(body), maxTask: 4096);
            Assert.Equal(filler, Assert.Single(tasks).CompleteReason);
            var e = Assert.Throws<ZvmException>(() => Read(new MemoryStream(Text($"[{{\"CompleteReason\":\"{filler}x\"}}]")), maxTask: 4096));
            Assert.Contains("task 1 is larger than 4 KB, the most one task may take", e.Message);
        }

        [Theory]
        [MemberData(nameof(TaskListReaderTests.Pieces), MemberType = typeof(TaskListReaderTests))]
        public void An_answer_larger_than_the_limit_is_the_modules_error_naming_it_and_the_tasks_before_it_stay(string piece)
        {
            byte[] recording = TaskListReaderTests.Recording("appliance-tasks.json");
            int total = TaskListReaderTests.ReadAll(new MemoryStream(recording)).Count;
            var reader = new TaskListReader(TaskListReaderTests.InPieces(recording, piece), "zvm:9669", maxAnswerBytes: recording.Length / 2);
            var tasks = new List<ZvmTask>();
            var e = Assert.Throws<ZvmException>(() => TaskListReaderTests.ReadAll(reader, tasks));
            Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
            Assert.EndsWith($": the answer is larger than {recording.Length / 2} bytes, the most a task list may take.", e.Message);
            Assert.InRange(tasks.Count, 1, total - 1);
            Assert.Contains($"after {tasks.Count} task(s)", e.Message);
        }

        [Fact]
        public void The_default_limits_are_one_megabyte_a_task_and_one_gigabyte_an_answer()
        {
            using var reader = new TaskListReader(new MemoryStream(), "zvm");
            Assert.Equal(1024 * 1024, reader.MaxTaskBytes);
            Assert.Equal(1024L * 1024 * 1024, reader.MaxAnswerBytes);
        }
    }
}
