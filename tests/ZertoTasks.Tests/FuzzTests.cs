using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    /// <summary>
    /// Mutated and truncated recordings: the reader either yields tasks or raises the module's
    /// own ZvmResponseInvalid, never another exception, never a hang.
    /// </summary>
    public class FuzzTests
    {
        private const int Rounds = 3000;

        [Theory]
        [InlineData("windows-tasks.json", 1)]
        [InlineData("appliance-tasks.json", 2)]
        public void Mutated_recordings_give_tasks_or_the_modules_parse_error(string recording, int seed)
        {
            byte[] original = TaskListReaderTests.Recording(recording);
            var random = new Random(seed);
            int failures = 0;
            for (int round = 0; round < Rounds; round++)
            {
                byte[] mutated = Mutate(original, random);
                try
                {
                    TaskListReaderTests.ReadAll(new TrickleStream(mutated, 1 + random.Next(5000)));
                }
                catch (ZvmException e)
                {
                    Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
                    failures++;
                }
            }

            // The mutations must really break things, or the test proves nothing.
            Assert.InRange(failures, Rounds / 10, Rounds);
        }

        [Fact]
        public void Single_tasks_give_a_task_or_a_json_error()
        {
            byte[] original = TaskListReaderTests.Recording("windows-tasks.json");
            int start = Array.IndexOf(original, (byte)'{');
            int end = Array.IndexOf(original, (byte)'\n', start + 200);
            var random = new Random(3);
            for (int round = 0; round < Rounds; round++)
            {
                byte[] mutated = Mutate(original.AsSpan(start, Math.Max(end - start, 50)).ToArray(), random);
                try
                {
                    Json.TaskJsonParser.Parse(mutated, "zvm");
                }
                catch (JsonException)
                {
                }
                catch (InvalidOperationException)
                {
                    // Utf8JsonReader's word for invalid UTF-8; GetTaskAsync maps it to ZvmResponseInvalid.
                }
            }
        }

        [Theory]
        [InlineData("task")]
        [InlineData("types")]
        [InlineData("token")]
        public void Mutated_whole_answers_give_their_value_or_the_modules_parse_error(string answer)
        {
            byte[] tasks = TaskListReaderTests.Recording("appliance-tasks.json");
            int start = Array.IndexOf(tasks, (byte)'{');
            byte[] original = answer switch
            {
                "task" => tasks.AsSpan(start, WholeTaskLength(tasks, start)).ToArray(),
                "types" => TaskListReaderTests.Recording("appliance-types.json"),
                _ => System.Text.Encoding.UTF8.GetBytes("{\"access_token\":\"eyJ.a.b\",\"expires_in\":300,\"refresh_expires_in\":1800,\"refresh_token\":\"eyJ.c.d\",\"token_type\":\"Bearer\"}"),
            };
            Func<byte[], object> parse = answer switch
            {
                "task" => body => Http.ZvmTaskApi.ParseTask(body, "zvm", "id"),
                "types" => body => Http.ZvmTaskApi.ParseTypeNames(body, "zvm"),
                _ => body => Http.WholeAnswer.Parse(body, "zvm", "POST /token", "a token", Json.SmallJson.ReadToken),
            };
            parse(original);
            var random = new Random(answer.Length);
            int failures = 0;
            for (int round = 0; round < Rounds; round++)
            {
                try
                {
                    parse(Mutate(original, random));
                }
                catch (ZvmException e)
                {
                    Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
                    Assert.StartsWith("zvm answered ", e.Message);
                    failures++;
                }
            }

            Assert.InRange(failures, Rounds / 10, Rounds);
        }

        // The first task of a recording: from its '{' to the matching '}'.
        private static int WholeTaskLength(byte[] json, int start)
        {
            var reader = new Utf8JsonReader(json.AsSpan(start), isFinalBlock: true, state: default);
            reader.Read();
            reader.Skip();
            return (int)reader.BytesConsumed;
        }

        private static readonly byte[] Interesting = System.Text.Encoding.UTF8.GetBytes("{}[]\",:0-9enull\\/ \xff");

        internal static byte[] Mutate(byte[] data, Random random)
        {
            var bytes = new List<byte>(data);
            int edits = 1 + random.Next(4);
            for (int i = 0; i < edits && bytes.Count > 0; i++)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0: bytes[at] = Interesting[random.Next(Interesting.Length)]; break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                    case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                    default: bytes[at] = (byte)random.Next(256); break;
                }
            }

            return bytes.ToArray();
        }
    }
}
