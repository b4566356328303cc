using System;
using System.Reflection;
using System.Text.Json;
using Xunit;
using ZertoTasks.Hosting;

namespace ZertoTasks.Tests
{
    public class SupportedHostTests
    {
        private static readonly Version Needed = new Version(8, 0, 0, 0);

        [Theory]
        [InlineData("7.0", ".NET Core 3.1.32", "4.0.1.2")]
        [InlineData("7.2", ".NET 6.0.36", "6.0.0.0")]
        [InlineData("7.3", ".NET 7.0.20", "7.0.0.3")]
        public void PowerShell_7_0_to_7_3_is_refused_with_the_supported_versions(string powerShell, string runtime, string hostJson)
        {
            string? reason = SupportedHost.WhyNot(false, powerShell, runtime, Version.Parse(hostJson), Needed);
            Assert.NotNull(reason);
            Assert.StartsWith("ZertoTasks needs PowerShell 7.4 or later, or Windows PowerShell 5.1.", reason);
            Assert.Contains($"PowerShell {powerShell} on {runtime}", reason);
            Assert.Contains(hostJson, reason);
        }

        [Theory]
        [InlineData("7.4", ".NET 8.0.11", "8.0.0.0")]
        [InlineData("7.6", ".NET 10.0.12", "10.0.0.0")]
        public void PowerShell_7_4_and_later_is_accepted(string powerShell, string runtime, string hostJson) =>
            Assert.Null(SupportedHost.WhyNot(false, powerShell, runtime, Version.Parse(hostJson), Needed));

        [Fact]
        public void Windows_PowerShell_loads_the_shipped_copy_and_is_accepted() =>
            Assert.Null(SupportedHost.WhyNot(true, "3.0", ".NET Framework 4.8.9290.0", null, Needed));

        [Fact]
        public void The_message_stays_true_the_module_needs_no_newer_json_than_PowerShell_7_4_has()
        {
            // PowerShell 7.4 runs on .NET 8, with System.Text.Json 8.0.0.0.
            Assert.True(SupportedHost.NeededJsonVersion() <= Needed, $"ZertoTasks.Core is built on System.Text.Json {SupportedHost.NeededJsonVersion()}.");
        }

        [Fact]
        public void This_runtime_reports_the_json_it_binds_to()
        {
            Assert.Equal(typeof(JsonSerializer).Assembly.GetName().Version, SupportedHost.HostJsonVersion());
        }
    }
}
