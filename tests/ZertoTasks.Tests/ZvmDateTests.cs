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
