using System.Text;
using System.Text.Json;
using ZertoTasks.Json;
using Xunit;

namespace ZertoTasks.Tests
{
    public class StringCacheTests
    {
        private static string Get(StringCache cache, string jsonString)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(jsonString), isFinalBlock: true, state: default);
            reader.Read();
            return cache.Get(ref reader);
        }

        [Fact]
        public void The_same_text_is_the_same_string_escaped_or_not()
        {
            var cache = new StringCache();
            string first = Get(cache, @"""ZVM\\svc-dr""");
            Assert.Equal(@"ZVM\svc-dr", first);
            Assert.Same(first, Get(cache, @"""ZVM\\svc-dr"""));
            Assert.Same(first, Get(cache, @"""ZVM\u005csvc-dr"""));
            Assert.Same(string.Empty, Get(cache, @""""""));
        }

        [Fact]
        public void Past_its_bound_it_still_gives_the_right_text()
        {
            var cache = new StringCache();
            for (int i = 0; i < 10_000; i++)
            {
                Assert.Equal("vpg-" + i, Get(cache, $"\"vpg-{i}\""));
            }

            Assert.Equal("vpg-1", Get(cache, "\"vpg-1\""));
            string longText = new string('x', 500);
            Assert.Equal(longText, Get(cache, $"\"{longText}\""));
        }
    }
}
