using System;
using System.Text;
using System.Text.Json;
using ZertoTasks.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    public class TaskJsonParserTests
    {
        private const string WindowsTask = @"{""CompleteReason"": ""Disk full"", ""Completed"": ""\/Date(1520423877045)\/"", ""InitiatedBy"": ""Administrator"",
 ""IsCancellable"": true,
 ""Link"": {""href"": ""https://zvm:9669/v1/tasks/x"", ""identifier"": ""0c66b743-01d3-42c5-844b-bf5d4283ddb1.6b5b30d6-c090-4233-8466-5fe18bf39a4c"", ""rel"": null, ""type"": ""TaskApi""},
 ""RelatedEntities"": {""FlrSessions"": [], ""Hosts"": [{""identifier"": ""host-1""}],
   ""Sites"": [{""href"": ""..."", ""identifier"": ""736cfa4b-658b-41d5-91ea-33c2213db6ed"", ""rel"": null, ""type"": ""LocalSiteApi""}],
   ""Vpgs"": [{""identifier"": ""vpg-a""}, {""identifier"": ""vpg-b""}]},
 ""Started"": ""/Date(1520423876840+0300)/"", ""Status"": {""Progress"": 100, ""State"": 4},
 ""TaskIdentifier"": ""0c66b743-01d3-42c5-844b-bf5d4283ddb1.6b5b30d6-c090-4233-8466-5fe18bf39a4c"", ""Type"": ""FlrJournalUnmount""}";

        private const string ApplianceTask = @"{""completeReason"": """", ""completed"": null, ""initiatedBy"": ""vsphere.local\\ops"",
 ""isCancellable"": false, ""generation"": 7, ""extensions"": {""x"": [1, {""y"": null}]},
 ""link"": {""href"": ""https://zvm/v1/tasks/x"", ""identifier"": ""11111111-2222-3333-4444-555555555555.66666666-7777-8888-9999-000000000000"", ""rel"": null, ""type"": ""TaskApi""},
 ""relatedEntities"": {""flrSessions"": [], ""hosts"": [], ""sites"": [], ""vpgs"": [{""identifier"": ""vpg-c""}]},
 ""started"": ""2025-02-08T21:50:46.574Z"", ""status"": {""progress"": 35, ""state"": 1}, ""type"": ""FailOverTest""}";

        private static ZvmTask Parse(string json) => TaskJsonParser.Parse(Encoding.UTF8.GetBytes(json), "zvm:9669");

        [Fact]
        public void Reads_the_windows_shape()
        {
            ZvmTask task = Parse(WindowsTask);
            Assert.Equal("0c66b743-01d3-42c5-844b-bf5d4283ddb1.6b5b30d6-c090-4233-8466-5fe18bf39a4c", task.TaskIdentifier);
            Assert.Equal("FlrJournalUnmount", task.Type);
            Assert.Equal("Failed", task.State);
            Assert.Equal(100, task.Progress);
            Assert.Equal(new DateTime(2018, 3, 7, 11, 57, 57, 45, DateTimeKind.Utc), task.Completed!.Value.ToUniversalTime());
            Assert.Equal(TimeSpan.FromMilliseconds(205), task.Duration);
            Assert.Equal("Administrator", task.InitiatedBy);
            Assert.True(task.IsCancellable);
            Assert.Equal("Disk full", task.CompleteReason);
            Assert.Equal(new[] { "vpg-a", "vpg-b" }, task.Vpgs.Identifiers);
            Assert.Equal("vpg-a; vpg-b", task.Vpgs.ToString());
            Assert.Equal(new[] { "host-1" }, task.Hosts.Identifiers);
            Assert.Equal(new[] { "736cfa4b-658b-41d5-91ea-33c2213db6ed" }, task.Sites.Identifiers);
            Assert.Empty(task.FlrSessions);
            Assert.Equal("zvm:9669", task.Server);
        }

        [Fact]
        public void Reads_the_appliance_shape_taking_the_id_from_the_link()
        {
            ZvmTask task = Parse(ApplianceTask);
            Assert.Equal("11111111-2222-3333-4444-555555555555.66666666-7777-8888-9999-000000000000", task.TaskIdentifier);
            Assert.Equal("FailOverTest", task.Type);
            Assert.Equal("InProgress", task.State);
            Assert.Equal(35, task.Progress);
            Assert.Null(task.Completed);
            Assert.Null(task.Duration);
            Assert.Equal(@"vsphere.local\ops", task.InitiatedBy);
            Assert.Equal(new[] { "vpg-c" }, task.Vpgs.Identifiers);
        }

        [Theory]
        [InlineData(@"{""Type"": ""RecoveryReportGeneration""}", "RecoveryReportGeneration")]
        [InlineData(@"{""Type"": ""UpgradeVra""}", "UpgradeVra")]
        [InlineData(@"{""Type"": 40}", "UpgradeVRA")]
        [InlineData(@"{""Type"": 99}", "99")]
        public void Type_names_are_kept_as_sent_and_numbers_named(string json, string expected) =>
            Assert.Equal(expected, Parse(json).Type);

        [Theory]
        [InlineData(@"{""Status"": {""State"": 9}}", "9")]
        [InlineData(@"{""Status"": {""State"": ""Failed""}}", "Failed")]
        [InlineData(@"{""Status"": {""State"": ""SomethingNew""}}", "SomethingNew")]
        [InlineData(@"{""Status"": {""State"": 7}}", "Cancelling")]
        public void Unknown_states_are_carried_through(string json, string expected) =>
            Assert.Equal(expected, Parse(json).State);

        [Theory]
        [InlineData(@"{""Status"": ""Failed""}")]
        [InlineData(@"{""Started"": 12}")]
        [InlineData(@"{""Started"": ""not a date""}")]
        [InlineData(@"{""RelatedEntities"": {""Vpgs"": 5}}")]
        [InlineData(@"{""Status"": {""Progress"": ""half""}}")]
        [InlineData(@"[1]")]
        public void A_known_field_of_the_wrong_kind_is_a_json_error(string json) =>
            Assert.Throws<JsonException>(() => Parse(json));
    }
}
