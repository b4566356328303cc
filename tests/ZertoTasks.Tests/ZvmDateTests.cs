using System;
using ZertoTasks.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    public class ZvmDateTests
    {
        private static readonly DateTime Instant = new DateTime(2018, 3, 7, 11, 57, 57, 45, DateTimeKind.Utc);

        [Theory]
        [InlineData("/Date(1520423877045)/")]
        [InlineData("/Date(1520423877045+0300)/")]
        [InlineData("/Date(1520423877045-0500)/")]
        [InlineData("2018-03-07T11:57:57.045Z")]
        [InlineData("2018-03-07T14:57:57.045+03:00")]
        public void Every_form_names_the_same_instant_in_local_time(string text)
        {
            Assert.True(ZvmDate.TryParse(text, out DateTime local));
            Assert.Equal(DateTimeKind.Local, local.Kind);
            Assert.Equal(Instant, local.ToUniversalTime());
        }

        [Theory]
        [InlineData("2018-03-07T11:57:57.045Z")]
        [InlineData("2018-03-07t11:57:57.045z")]
        [InlineData("2018-03-07T11:57:57Z")]
        [InlineData("2018-03-07T11:57:57.0450000Z")]
        [InlineData("2018-03-07T11:57:57.04500000099Z")]
        [InlineData("2018-03-07T14:57:57.045+03:00")]
        [InlineData("2018-03-07T06:57:57.045-05:00")]
        [InlineData("2026-11-25T10:30:45.250Z")]
        [InlineData("2024-02-29T23:59:59.9999999+14:00")]
        public void Iso_dates_read_from_their_bytes_as_from_their_text(string text)
        {
            Assert.True(ZvmDate.TryParseIso(System.Text.Encoding.UTF8.GetBytes(text), out DateTime fromBytes));
            Assert.True(ZvmDate.TryParse(text, out DateTime fromText));
            Assert.Equal(DateTimeKind.Local, fromBytes.Kind);
            Assert.Equal(fromText, fromBytes);
        }

        // Forms the byte reader leaves to TryParse (no zone, other layouts) or that are no date.
        [Theory]
        [InlineData("2018-03-07T11:57:57")]
        [InlineData("2018-03-07 11:57:57Z")]
        [InlineData("2018-03-07T11:57:57.Z")]
        [InlineData("2018-13-07T11:57:57Z")]
        [InlineData("2018-02-30T11:57:57Z")]
        [InlineData("2018-03-07T11:57:57+0300")]
        [InlineData("2018-03-07T11:57:57Zx")]
        [InlineData("20180307T115757Z")]
        [InlineData("/Date(1520423877045)/")]
        public void Other_forms_are_not_read_from_bytes(string text) =>
            Assert.False(ZvmDate.TryParseIso(System.Text.Encoding.UTF8.GetBytes(text), out _));

        [Theory]
        [InlineData("/Date(abc)/")]
        [InlineData("/Date()/")]
        [InlineData("yesterday")]
        [InlineData("/Date(99999999999999999)/")]
        public void Nonsense_is_not_a_date(string text) => Assert.False(ZvmDate.TryParse(text, out _));

        [Fact]
        public void Query_values_are_utc_with_a_z()
        {
            Assert.Equal("2018-03-07T11:57:57.045Z", ZvmDate.ToQueryValue(Instant));
            Assert.Equal("2018-03-07T11:57:57.045Z", ZvmDate.ToQueryValue(Instant.ToLocalTime()));
        }

        [Fact]
        public void A_time_without_a_zone_is_read_as_local_time()
        {
            var unspecified = new DateTime(2026, 11, 1, 8, 30, 0, DateTimeKind.Unspecified);
            DateTime expected = DateTime.SpecifyKind(unspecified, DateTimeKind.Local).ToUniversalTime();
            Assert.Equal(expected.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), ZvmDate.ToQueryValue(unspecified));
        }
    }
}
