using System.Text;
using System.Text.Json;
using Xunit;
using ZertoTasks.Names;

namespace ZertoTasks.Tests
{
    public class EntityNameReaderTests
    {
        private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

        [Fact]
        public void ReadsTheWindowsShape()
        {
            var names = EntityNameReader.ReadList(
                Utf8(@"[{""ActualRPO"": 7, ""Link"": {""identifier"": ""vpg-1""}, ""VpgIdentifier"": ""vpg-1"", ""VpgName"": ""Payroll""}]"),
                "VpgIdentifier", "VpgName");
            Assert.Equal("Payroll", names["VPG-1"]);
        }

        [Fact]
        public void ReadsTheApplianceShapeFromTheLink()
        {
            var names = EntityNameReader.ReadList(
                Utf8(@"[{""link"": {""href"": null, ""identifier"": ""vpg-2"", ""rel"": null}, ""vpgName"": ""Web-Tier""}]"),
                "VpgIdentifier", "VpgName");
            Assert.Equal("Web-Tier", names["vpg-2"]);
        }

        [Fact]
        public void TakesNullsAsNothing()
        {
            var names = EntityNameReader.ReadList(
                Utf8(@"[{""link"": {""identifier"": ""vpg-3""}, ""vpgName"": null}, {""link"": null, ""vpgName"": ""lost""}, {""vpgName"": """"}]"),
                "VpgIdentifier", "VpgName");
            Assert.Single(names);
            Assert.Null(names["vpg-3"]);
        }

        [Fact]
        public void ReadsOneSite()
        {
            var names = EntityNameReader.ReadOne(Utf8(@"{""SiteIdentifier"": ""site-1"", ""SiteName"": ""FRA-Prod""}"), "SiteIdentifier", "SiteName");
            Assert.Equal("FRA-Prod", names["site-1"]);
        }

        [Theory]
        [InlineData(@"{""vpgs"": []}")]
        [InlineData(@"[5]")]
        public void RefusesAnotherShape(string json) =>
            Assert.ThrowsAny<JsonException>(() => EntityNameReader.ReadList(Utf8(json), "VpgIdentifier", "VpgName"));
    }
}
