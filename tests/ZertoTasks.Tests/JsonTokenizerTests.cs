using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using ZertoTasks.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    /// <summary>
    /// JsonTokenizer against Utf8JsonReader, token by token: the same tokens, positions, values
    /// and depths, and an error where Utf8JsonReader has one, on the recordings, on hand-made
    /// edge cases and on thousands of broken variants; and the same tokens when the JSON comes
    /// in pieces.
    /// </summary>
    public class JsonTokenizerTests
    {
        public static readonly TheoryData<string> EdgeCases = new TheoryData<string>
        {
            "", "   ", "\r\n\t ", "null", "true", "false", "0", "-0", "12", "-12.5e+3", "1E-2", "2147483647", "2147483648",
            "-2147483648", "-2147483649", "99999999999999999999", "\"text\"", "[]", "{}", "[[],{}]", "{\"a\":[1,2,{\"b\":null}]}",
            "[1,]", "{\"a\":1,}", "[,1]", "{,}", "{\"a\" 1}", "{\"a\":}", "{1:2}", "{\"a\":1 \"b\":2}", "[1 2]", "[}", "{]", "]", "}", "[[]]]",
            "1 2", "{} {}", "[-]", "[01]", "[1.]", "[.5]", "[1e]", "[1e+]", "[1a]", "[-a]", "[tru]", "[truex]", "[nul]", "[nulL]", "[fals]", "[True]",
            "[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"]", "[\"\\u00e9\\u20AC\\ud83d\\ude00\"]", "[\"\\x\"]", "[\"\\u12G4\"]", "[\"\\u12\"]",
            "[\"a\nb\"]", "[\"a\tb\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"\\ud800x\"]", "[\"caf\u00e9\"]",
            "[\"unterminated", "[\"a\\", "{\"a\"", "{\"a\"  ", "[1", "[true", "[\"\u00ff\"]",
            "[\n  {\n    \"a\": 1,\n    \"b\": [true, false, null]\n  }\n]\n", "{\"a\":\n  x}", "\n\n  [1,\n 2,\n ?]",
            new string('[', 64) + new string(']', 64), new string('[', 65) + new string(']', 65),
            "{\"long\":\"" + new string('x', 1000) + "\",\"esc\":\"" + string.Concat(Enumerable.Repeat("ab\\\"", 300)) + "\"}",
        };

        [Theory]
        [InlineData("windows-tasks.json")]
        [InlineData("appliance-tasks.json")]
        [InlineData("windows-types.json")]
        [InlineData("appliance-types.json")]
        public void Recordings_read_as_Utf8JsonReader_reads_them(string recording)
        {
            byte[] json = TaskListReaderTests.Recording(recording);
            List<string> expected = Reference(json);
            Assert.True(expected.Count > 50);
            Assert.Equal(expected, Ours(json));
        }

        [Theory]
        [MemberData(nameof(EdgeCases))]
        public void Edge_cases_read_as_Utf8JsonReader_reads_them(string text)
        {
            byte[] json = Encoding.UTF8.GetBytes(text);
            Assert.Equal(Reference(json), Ours(json));
        }

        [Fact]
        public void Invalid_utf8_is_refused_when_the_text_is_read()
        {
            byte[] json = { (byte)'[', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)']' };
            Assert.Equal(Reference(json), Ours(json));
            Assert.Contains(Ours(json), token => token.EndsWith("text !InvalidOperationException", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("windows-tasks.json", 11)]
        [InlineData("appliance-tasks.json", 12)]
        public void Broken_recordings_fail_where_Utf8JsonReader_fails(string recording, int seed)
        {
            byte[] original = TaskListReaderTests.Recording(recording);
            var random = new Random(seed);
            int failures = 0;
            for (int round = 0; round < 2000; round++)
            {
                byte[] json = FuzzTests.Mutate(original, random);
                List<string> expected = Reference(json);
                Assert.Equal(expected, Ours(json));
                failures += expected[expected.Count - 1].StartsWith("error", StringComparison.Ordinal) ? 1 : 0;
            }

            // The mutations must really break things, or the test proves nothing.
            Assert.InRange(failures, 200, 2000);
        }

        [Theory]
        [InlineData("windows-tasks.json", 21)]
        [InlineData("appliance-tasks.json", 22)]
        public void In_pieces_the_tokens_are_those_of_the_whole(string recording, int seed)
        {
            byte[] original = TaskListReaderTests.Recording(recording);
            var random = new Random(seed);
            for (int round = 0; round < 300; round++)
            {
                byte[] json = round % 2 == 0 ? original : FuzzTests.Mutate(original, random);
                int piece = 1 + random.Next(round % 3 == 0 ? 8 : 2000);
                Assert.Equal(Ours(json), Ours(json, piece));
            }
        }

        // Every token as "type at start..consumed depth value", then "end" or the error's kind and place.
        private static List<string> Reference(byte[] json)
        {
            var tokens = new List<string>();
            var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
            try
            {
                while (reader.Read())
                {
                    tokens.Add(Describe(reader.TokenType, reader.TokenStartIndex, reader.BytesConsumed, reader.CurrentDepth, reader.ValueSpan, reader.ValueIsEscaped, ReferenceText(ref reader)));
                }

                tokens.Add("end");
            }
            catch (JsonException e)
            {
                tokens.Add($"error at line {e.LineNumber}");
            }

            return tokens;
        }

        // The same from JsonTokenizer; with a piece size, read as TaskListReader parses a task that has arrived in part.
        private static List<string> Ours(byte[] json, int piece = int.MaxValue)
        {
            var tokens = new List<string>();
            JsonTokenizerState state = default;
            int offset = 0;
            int available = (int)Math.Min(piece, json.Length);
            try
            {
                while (true)
                {
                    bool final = offset + available == json.Length;
                    var reader = new JsonTokenizer(json.AsSpan(offset, available), final, state);
                    while (reader.Read())
                    {
                        tokens.Add(Describe(reader.TokenType, offset + reader.TokenStartIndex, offset + reader.BytesConsumed, reader.CurrentDepth, reader.ValueSpan, reader.ValueIsEscaped, OurText(ref reader)));
                    }

                    if (final)
                    {
                        break;
                    }

                    offset += (int)reader.BytesConsumed;
                    state = reader.CurrentState;
                    available = (int)Math.Min((long)json.Length - offset, available - reader.BytesConsumed + piece);
                }

                tokens.Add("end");
            }
            catch (JsonException e)
            {
                tokens.Add($"error at line {e.LineNumber}");
            }

            return tokens;
        }

        private static string Describe(JsonTokenType type, long start, long consumed, int depth, ReadOnlySpan<byte> value, bool escaped, string text)
        {
            bool hasValue = type is JsonTokenType.String or JsonTokenType.PropertyName or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
            return $"{type} at {start}..{consumed} depth {depth}" + (hasValue ? $" value {Convert.ToBase64String(value.ToArray())} escaped {escaped} text {text}" : string.Empty);
        }

        private static string ReferenceText(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.TokenType switch
                {
                    JsonTokenType.String or JsonTokenType.PropertyName => reader.GetString()! + " equals itself " + reader.ValueTextEquals(reader.GetString()!),
                    JsonTokenType.Number => reader.TryGetInt32(out int number) ? number.ToString() : "not an int",
                    _ => string.Empty,
                };
            }
            catch (InvalidOperationException)
            {
                return "!InvalidOperationException";
            }
        }

        private static string OurText(ref JsonTokenizer reader)
        {
            try
            {
                return reader.TokenType switch
                {
                    JsonTokenType.String or JsonTokenType.PropertyName => reader.GetString()! + " equals itself " + reader.ValueTextEquals(reader.GetString()!),
                    JsonTokenType.Number => reader.TryGetInt32(out int number) ? number.ToString() : "not an int",
                    _ => string.Empty,
                };
            }
            catch (InvalidOperationException)
            {
                return "!InvalidOperationException";
            }
        }
    }
}
