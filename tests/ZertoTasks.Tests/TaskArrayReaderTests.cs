using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ZertoTasks.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    public class TaskArrayReaderTests
    {
        internal static byte[] Recording(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Recordings", name));

        internal static List<ZvmTask> ReadAll(Stream body)
        {
            var reader = new TaskArrayReader(body, "zvm:9669", (s, b, o, c) => s.Read(b, o, c));
            var tasks = new List<ZvmTask>();
            while (reader.TryReadNext(out ZvmTask task))
            {
                tasks.Add(task);
                Assert.True(tasks.Count < 1_000_000, "the reader does not stop");
            }

            return tasks;
        }

        [Theory]
        [InlineData("windows-tasks.json")]
        [InlineData("appliance-tasks.json")]
        public void Reads_every_recorded_task_whatever_the_piece_size(string recording)
        {
            byte[] body = Recording(recording);
            List<string> whole = ReadAll(new MemoryStream(body)).Select(t => t.TaskIdentifier + t.State + t.Started).ToList();
            Assert.True(whole.Count >= 10);
            foreach (int piece in new[] { 1, 7, 100, 4096 })
            {
                Assert.Equal(whole, ReadAll(new TrickleStream(body, piece)).Select(t => t.TaskIdentifier + t.State + t.Started));
            }
        }

        [Fact]
        public void The_first_task_comes_before_the_rest_of_the_body_is_read()
        {
            byte[] body = Encoding.UTF8.GetBytes("[{\"TaskIdentifier\":\"first\"}, {\"TaskIdentifier\":\"second\"}]");
            int endOfFirst = Array.IndexOf(body, (byte)'}') + 1;
            var reader = new TaskArrayReader(new TrickleStream(body, 3, endOfFirst), "zvm", (s, b, o, c) => s.Read(b, o, c));
            Assert.True(reader.TryReadNext(out ZvmTask first));
            Assert.Equal("first", first.TaskIdentifier);
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
        [InlineData("", "empty")]
        [InlineData("{\"tasks\": 5}", "an object where a list of tasks was expected")]
        [InlineData("this is not json", "")]
        [InlineData("[{\"Type\":\"Move\"}, 5]", "task 2 was a number")]
        [InlineData("[{\"Type\":\"Move\"}, {\"Type\":", "after 1 task")]
        [InlineData("[{\"Type\":\"Move\"}", "ended before the list of tasks was complete")]
        [InlineData("<html><title>502 Bad Gateway</title></html>", "")]
        public void A_body_that_is_not_a_task_list_is_the_modules_own_error(string text, string expected)
        {
            var e = Assert.Throws<ZvmException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(text))));
            Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
            Assert.Contains("zvm:9669", e.Message);
            Assert.Contains(expected, e.Message);
        }

        [Fact]
        public void Tasks_read_before_a_truncation_are_kept()
        {
            byte[] body = Recording("windows-tasks.json");
            int total = ReadAll(new MemoryStream(body)).Count;
            byte[] cut = body.Take(body.Length * 2 / 3).ToArray();
            var reader = new TaskArrayReader(new MemoryStream(cut), "zvm:9669", (s, b, o, c) => s.Read(b, o, c));
            int read = 0;
            var e = Assert.Throws<ZvmException>(() =>
            {
                while (reader.TryReadNext(out _))
                {
                    read++;
                }
            });
            Assert.InRange(read, 1, total - 1);
            Assert.Contains($"after {read} task(s)", e.Message);
        }
    }
}
