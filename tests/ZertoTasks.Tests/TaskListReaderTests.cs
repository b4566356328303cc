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
    public class TaskListReaderTests
    {
        // The sizes a body may come in: a byte at a time, odd pieces, TLS records, anything.
        public static readonly TheoryData<string> Pieces = new TheoryData<string> { "1", "7", "16384", "random" };

        internal static byte[] Recording(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Recordings", name));

        internal static List<ZvmTask> ReadAll(Stream body) => ReadAll(new TaskListReader(body, "zvm:9669"));

        internal static List<ZvmTask> ReadAll(TaskListReader reader, List<ZvmTask>? tasks = null)
        {
            tasks ??= new List<ZvmTask>();
            using (reader)
            {
                while (reader.ReadNextAsync().AsTask().GetAwaiter().GetResult() is ZvmTask task)
                {
                    tasks.Add(task);
                    Assert.True(tasks.Count < 1_000_000, "the reader does not stop");
                }
            }

            return tasks;
        }

        internal static TrickleStream InPieces(byte[] body, string piece, int seed = 1)
        {
            if (piece == "random")
            {
                var random = new Random(seed);
                return new TrickleStream(body, () => 1 + random.Next(20_000));
            }

            return new TrickleStream(body, int.Parse(piece));
        }

        private static string Summary(IEnumerable<ZvmTask> tasks) =>
            string.Join("\n", tasks.Select(t => $"{t.TaskIdentifier} {t.Type} {t.State} {t.Progress} {t.Started:o} {t.Completed:o} {t.InitiatedBy} {t.CompleteReason} {string.Join(",", t.Vpgs.Identifiers)}"));

        [Theory]
        [MemberData(nameof(Pieces))]
        public void Reads_every_recorded_task_whatever_the_piece_size(string piece)
        {
            foreach (string recording in new[] { "windows-tasks.json", "appliance-tasks.json" })
            {
                byte[] body = Recording(recording);
                List<ZvmTask> whole = ReadAll(new MemoryStream(body));
                Assert.True(whole.Count >= 10);
                Assert.Equal(Summary(whole), Summary(ReadAll(InPieces(body, piece))));
            }
        }

        [Fact]
        public async Task The_first_task_comes_before_the_rest_of_the_body_is_read()
        {
            byte[] body = Encoding.UTF8.GetBytes("[{\"TaskIdentifier\":\"first\"}, {\"TaskIdentifier\":\"second\"}]");
            int endOfFirst = Array.IndexOf(body, (byte)'}') + 1;
            using var reader = new TaskListReader(new TrickleStream(body, 3, endOfFirst), "zvm");
            ZvmTask? first = await reader.ReadNextAsync();
            Assert.Equal("first", first?.TaskIdentifier);
        }

        [Fact]
        public void A_task_larger_than_the_buffer_is_still_read()
        {
            string reason = new string('x', 300_000);
            byte[] body = Encoding.UTF8.GetBytes($"[{{\"CompleteReason\":\"{reason}\"}},{{\"Type\":\"Move\"}}]");
            List<ZvmTask> tasks = ReadAll(new TrickleStream(body, 10_000));
            Assert.Equal(reason, tasks[0].CompleteReason);
            Assert.Equal("Move", tasks[1].Type);
        }

        [Fact]
        public void Values_that_repeat_across_a_list_are_one_string()
        {
            List<ZvmTask> tasks = ReadAll(new MemoryStream(Recording("windows-tasks.json")));
            ZvmTask[] byOneUser = tasks.Where(t => t.InitiatedBy == @"ZVM\svc-dr").ToArray();
            ZvmTask[] ofOneType = tasks.Where(t => t.Type == "FailOverTest").ToArray();
            Assert.True(byOneUser.Length > 1 && ofOneType.Length > 1);
            Assert.All(byOneUser, t => Assert.Same(byOneUser[0].InitiatedBy, t.InitiatedBy));
            Assert.All(ofOneType, t => Assert.Same(ofOneType[0].Type, t.Type));
        }

        [Fact]
        public void Tasks_that_name_the_same_one_entity_share_its_list()
        {
            byte[] body = Encoding.UTF8.GetBytes(
                "[{\"RelatedEntities\":{\"Vpgs\":[{\"identifier\":\"vpg-1\"}]}}," +
                "{\"RelatedEntities\":{\"Vpgs\":[{\"identifier\":\"vpg-1\"}]}}," +
                "{\"RelatedEntities\":{\"Vpgs\":[{\"identifier\":\"vpg-2\"}]}}," +
                "{\"RelatedEntities\":{\"Vpgs\":[{\"identifier\":\"vpg-1\"},{\"identifier\":\"vpg-2\"}]}}]");
            List<ZvmTask> tasks = ReadAll(new MemoryStream(body));
            Assert.Same(tasks[0].Vpgs, tasks[1].Vpgs);
            Assert.Equal(new[] { "vpg-1" }, tasks[1].Vpgs.Identifiers);
            Assert.Equal(new[] { "vpg-2" }, tasks[2].Vpgs.Identifiers);
            Assert.Equal(new[] { "vpg-1", "vpg-2" }, tasks[3].Vpgs.Identifiers);
        }

        [Fact]
        public void An_empty_array_is_no_tasks() => Assert.Empty(ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(" [ ] "))));

        [Theory]
        [InlineData("", 0, "it was empty")]
        [InlineData(" \r\n ", 0, "it held only white space")]
        [InlineData("{\"tasks\": 5}", 0, "it held an object where a list of tasks was expected")]
        [InlineData("5", 0, "it held a number where a list of tasks was expected")]
        [InlineData("null", 0, "it held null where a list of tasks was expected")]
        [InlineData("this is not json", 0, "it is not valid JSON: 't' starts no JSON value ('true' was expected), at byte 1 of the answer")]
        [InlineData("<html><title>502 Bad Gateway</title></html>", 0, "it is not valid JSON: '<' is an invalid start of a value, at byte 1 of the answer")]
        [InlineData("[{\"Type\":\"Move\"}, 5x]", 1, "task 2 is not valid JSON")]
        [InlineData("[{\"Type\":\"Move\"}, [1,}]", 1, "task 2 is not valid JSON")]
        [InlineData("[{\"Type\":\"Move\"}, \"open", 1, "it ended before the list of tasks was complete")]
        [InlineData("[{\"Type\":\"Move\"}, tru]", 1, "it is not valid JSON: 't' starts no JSON value ('true' was expected)")]
        [InlineData("[{\"Type\":\"Move\"}, {\"Type\":", 1, "it ended before the list of tasks was complete")]
        [InlineData("[{\"Type\":\"Move\"},{\"Type\":\"Mo", 1, "it ended before the list of tasks was complete")]
        [InlineData("[{\"Type\":\"Move\"}", 1, "it ended before the list of tasks was complete")]
        [InlineData("[{\"Type\":\"Move\"},?]", 1, "it is not valid JSON: '?' is an invalid start of a value, at byte 18 of the answer")]
        [InlineData("[{\"Type\":\"Move\"},]", 1, "it is not valid JSON: ']' follows a trailing comma, which JSON does not allow, at byte 18")]
        [InlineData("[{\"Type\":\"Move\"} {\"Type\":\"Move\"}]", 1, "it is not valid JSON: '{' is invalid after a task. Expected ',' or ']', at byte 18")]
        [InlineData("[{\"Type\":\"Move\"}] []", 1, "it is not valid JSON: '[' is invalid after the list of tasks, at byte 19")]
        [InlineData("[{\"Type\":\"Move\"},{\"Type\":tru}]", 1, "task 2 is not valid JSON: 'tru}' is an invalid JSON literal")]
        [InlineData("[{\"Type\":\"Move\"},{\"Type\":\"Move\"]]", 1, "task 2 is not valid JSON: ']' is invalid without a matching open")]
        public void A_body_that_is_not_a_task_list_is_the_modules_own_error_whatever_the_piece_size(string text, int before, string expected)
        {
            byte[] body = Encoding.UTF8.GetBytes(text);
            foreach (string piece in new[] { "1", "7", "16384", "random" })
            {
                var tasks = new List<ZvmTask>();
                var e = Assert.Throws<ZvmException>(() => ReadAll(new TaskListReader(InPieces(body, piece), "zvm:9669"), tasks));
                Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
                Assert.Equal(before, tasks.Count);
                Assert.StartsWith($"The task list from zvm:9669 could not be read after {before} task(s): ", e.Message);
                Assert.Contains(expected, e.Message);
            }
        }

        [Theory]
        [MemberData(nameof(Pieces))]
        public void Tasks_read_before_a_truncation_are_kept(string piece)
        {
            byte[] body = Recording("windows-tasks.json");
            int total = ReadAll(new MemoryStream(body)).Count;
            byte[] cut = body.Take(body.Length * 2 / 3).ToArray();
            var tasks = new List<ZvmTask>();
            var e = Assert.Throws<ZvmException>(() => ReadAll(new TaskListReader(InPieces(cut, piece), "zvm:9669"), tasks));
            Assert.InRange(tasks.Count, 1, total - 1);
            Assert.Contains($"after {tasks.Count} task(s): it ended before the list of tasks was complete", e.Message);
        }
    }
}
