using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Xunit;
using ZertoTasks.Names;

namespace ZertoTasks.Tests
{
    /// <summary>The streamed VPG look-up against the whole-body reader it replaced for /v1/vpgs.</summary>
    public class EntityListStreamTests
    {
        private const int OneMegabyte = 1024 * 1024;

        private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

        private static async Task<Dictionary<string, string?>> Read(byte[] body, int piece, int maxEntityBytes = OneMegabyte) =>
            await EntityListStream.ReadAsync(new TrickleStream(body, piece), "VpgIdentifier", "VpgName", maxEntityBytes);

        public static IEnumerable<object[]> RecordingsInPieces()
        {
            foreach (string recording in new[] { "windows-vpgs.json", "appliance-vpgs.json" })
            {
                foreach (int piece in new[] { 1, 7, 16 * 1024, int.MaxValue })
                {
                    yield return new object[] { recording, piece };
                }
            }
        }

        [Theory]
        [MemberData(nameof(RecordingsInPieces))]
        public async Task ReadsWhatTheWholeBodyReaderReads(string recording, int piece)
        {
            byte[] body = TaskListReaderTests.Recording(recording);
            Dictionary<string, string?> whole = EntityNameReader.ReadList(body, "VpgIdentifier", "VpgName");

            Dictionary<string, string?> streamed = await Read(body, piece);

            Assert.NotEmpty(whole);
            Assert.Equal(whole, streamed);
        }

        [Fact]
        public async Task ReadsAListOfManyEntitiesCutAtRandom()
        {
            var json = new StringBuilder("[");
            for (int i = 0; i < 3000; i++)
            {
                json.Append(i == 0 ? "" : ",").Append($@" {{""Figures"": {{""RPO"": [{i}, ""]}}""]}}, ""VpgIdentifier"": ""vpg-{i}"", ""VpgName"": ""VPG \""{i}\""""}}");
            }

            byte[] body = Utf8(json.Append("]\n").ToString());
            var random = new Random(12);

            Dictionary<string, string?> names = await EntityListStream.ReadAsync(new TrickleStream(body, () => random.Next(1, 5000)), "VpgIdentifier", "VpgName", OneMegabyte);

            Assert.Equal(3000, names.Count);
            Assert.Equal("VPG \"2999\"", names["vpg-2999"]);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData(" [ ] \r\n")]
        public async Task ReadsAnEmptyList(string json) => Assert.Empty(await Read(Utf8(json), 1));

        [Theory]
        [InlineData("", "Empty")]
        [InlineData("  ", "Empty")]
        [InlineData("<html>", "NotJson")]
        [InlineData(@"{""vpgs"": []}", "OtherShape")]
        [InlineData("[5]", "OtherShape")]
        [InlineData(@"[{""VpgIdentifier"": ""a""} {""VpgIdentifier"": ""b""}]", "NotJson")]
        [InlineData(@"[{""VpgIdentifier"": ""a"", }]", "NotJson")]
        [InlineData(@"[{""VpgIdentifier"": ""a""}] x", "NotJson")]
        [InlineData(@"[{""VpgIdentifier"": ""a""}", "BreaksOff")]
        [InlineData(@"[{""VpgIdentifier"": ""a", "BreaksOff")]
        [InlineData(@"[{""VpgIdentifier"": 5}, ", "BreaksOff")]
        public async Task SaysWhatIsWrong(string json, string flaw)
        {
            foreach (int piece in new[] { 1, 3, int.MaxValue })
            {
                EntityListException e = await Assert.ThrowsAsync<EntityListException>(() => Read(Utf8(json), piece));
                Assert.Equal(flaw, e.Flaw.ToString());
            }
        }

        [Fact]
        public async Task SaysWhereJsonBreaksCountingFromTheStartOfTheBody()
        {
            EntityListException e = await Assert.ThrowsAsync<EntityListException>(() =>
                Read(Utf8(@"[{""VpgIdentifier"": ""a""}, {""VpgIdentifier"": tru}]"), 4));

            Assert.Equal(EntityListFlaw.NotJson, e.Flaw);
            Assert.EndsWith("in the entity at byte 26", e.Message);
        }

        [Fact]
        public async Task RefusesAnEntityPastTheLimitAndGrowsForOneBelowIt()
        {
            string figures = new string('x', 200 * 1024);
            byte[] body = Utf8($@"[{{""Figures"": ""{figures}"", ""VpgIdentifier"": ""big"", ""VpgName"": ""Big""}}]");

            Assert.Equal("Big", (await Read(body, 16 * 1024))["big"]);
            EntityListException e = await Assert.ThrowsAsync<EntityListException>(() => Read(body, 16 * 1024, maxEntityBytes: 128 * 1024));
            Assert.Equal(EntityListFlaw.OtherShape, e.Flaw);
        }

        [Theory]
        [InlineData("windows-failover-vpgs.json", "/Date(1793613912000)/")]
        [InlineData("appliance-failover-vpgs.json", "2026-11-02T10:05:12.000Z")]
        public async Task Keeps_a_further_field_of_each_vpg_its_last_test(string file, string financeLastTest)
        {
            byte[] body = File.ReadAllBytes(Path.Combine("Recordings", file));
            EntityNames names = await EntityListStream.ReadAsync(new TrickleStream(body, 7), "VpgIdentifier", "VpgName", OneMegabyte, "LastTest");
            Assert.Equal(financeLastTest, names.Extra["8f672747-a6fe-410d-8e07-5f7c06920149"]);
            Assert.False(names.Extra.ContainsKey("1dbc3f7d-8b79-4ff9-83ce-7e3cfb036245"));
            Assert.Equal("Dev [Lab]", names["b323e878-a32e-4ca4-8e19-55ea0a716f5a"]);
        }
    }
}
