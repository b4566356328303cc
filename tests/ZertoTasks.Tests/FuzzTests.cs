using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Xunit;
using ZertoTasks.Json;
using ZertoTasks.Listing;

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
            Assert.InRange(failures, Rounds / 10, Rounds - 1);
        }

        [Theory]
        [InlineData("windows task")]
        [InlineData("appliance task")]
        [InlineData("types")]
        [InlineData("token")]
        public void Mutated_whole_answers_give_their_value_or_the_modules_parse_error(string answer)
        {
            byte[] tasks = TaskListReaderTests.Recording(answer == "windows task" ? "windows-tasks.json" : "appliance-tasks.json");
            int start = Array.IndexOf(tasks, (byte)'{');
            byte[] original = answer switch
            {
                "windows task" or "appliance task" => tasks.AsSpan(start, WholeTaskLength(tasks, start)).ToArray(),
                "types" => TaskListReaderTests.Recording("appliance-types.json"),
                _ => System.Text.Encoding.UTF8.GetBytes("{\"access_token\":\"eyJ.a.b\",\"expires_in\":300,\"refresh_expires_in\":1800,\"refresh_token\":\"eyJ.c.d\",\"token_type\":\"Bearer\"}"),
            };
            Func<byte[], object> parse = answer switch
            {
                "windows task" or "appliance task" => body => TaskEndpoints.ParseTask(body, "zvm", "id"),
                "types" => body => TaskEndpoints.ParseTypeNames(body, "zvm"),
                _ => body => WholeResponse.Parse(body, "zvm", "POST /token", "a token", Json.SmallJson.ReadToken),
            };
            Assert.NotNull(parse(original));
            var random = new Random(answer.Length);
            int failures = 0;
            for (int round = 0; round < Rounds; round++)
            {
                try
                {
                    Assert.NotNull(parse(Mutate(original, random)));
                }
                catch (ZvmException e)
                {
                    Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
                    Assert.StartsWith("zvm answered ", e.Message);
                    failures++;
                }
            }

            // Both ways must be taken: some mutations break the answer, some (white space, a changed digit) do not.
            Assert.InRange(failures, Rounds / 10, Rounds - 1);
        }

        // The first task of a recording: from its '{' to the matching '}'.
        private static int WholeTaskLength(byte[] json, int start)
        {
            var reader = new Utf8JsonReader(json.AsSpan(start), isFinalBlock: true, state: default);
            reader.Read();
            reader.Skip();
            return (int)reader.BytesConsumed;
        }

        // ASCII JSON punctuation, and 0xFF, a byte that is never valid UTF-8 (the string "\xff" would encode as C3 BF).
        private static readonly byte[] Interesting = Interest();

        private static byte[] Interest()
        {
            var bytes = new List<byte>(System.Text.Encoding.ASCII.GetBytes("{}[]\",:0-9enull\\/ "));
            bytes.Add(0xFF);
            return bytes.ToArray();
        }

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
