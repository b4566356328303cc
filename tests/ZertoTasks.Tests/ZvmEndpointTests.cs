using ZertoTasks.Http;
using Xunit;

namespace ZertoTasks.Tests
{
    public class ZvmEndpointTests
    {
        [Theory]
        [InlineData("zvm01", null, "https", "zvm01", null)]
        [InlineData("zvm01.corp.example", 9669, "https", "zvm01.corp.example", 9669)]
        [InlineData("zvm01:9669", null, "https", "zvm01", 9669)]
        [InlineData("zvm01:443", null, "https", "zvm01", 443)]
        [InlineData("https://zvm01", null, "https", "zvm01", null)]
        [InlineData("https://zvm01:8443/", null, "https", "zvm01", 8443)]
        [InlineData("http://127.0.0.1:5000", null, "http", "127.0.0.1", 5000)]
        [InlineData("10.0.0.5", 443, "https", "10.0.0.5", 443)]
        [InlineData("[::1]:9669", null, "https", "[::1]", 9669)]
        [InlineData("fd00::5", null, "https", "[fd00::5]", null)]
        public void Parses_what_administrators_type(string server, int? port, string scheme, string host, int? expectedPort)
        {
            ZvmEndpoint endpoint = ZvmEndpoint.Parse(server, port);
            Assert.Equal(scheme, endpoint.Scheme);
            Assert.Equal(host, endpoint.Host);
            Assert.Equal(expectedPort, endpoint.Port);
        }

        [Fact]
        public void A_plain_http_url_without_a_port_means_80() => Assert.Equal(80, ZvmEndpoint.Parse("http://sim", null).ImpliedPort);

        [Theory]
        [InlineData("", null)]
        [InlineData("ftp://zvm01", null)]
        [InlineData("https://user:pw@zvm01", null)]
        [InlineData("https://zvm01/v1/tasks", null)]
        [InlineData("zvm01?x=1", null)]
        [InlineData("zvm 01", null)]
        [InlineData("zvm01:70000", null)]
        [InlineData("zvm01:0", null)]
        [InlineData("https://zvm01:0", null)]
        [InlineData("zvm01#x", null)]
        [InlineData("zvm01/../session", null)]
        [InlineData("zvm01\r\nHost: evil", null)]
        [InlineData("zvm01%2Fv1", null)]
        [InlineData("zvm01", 0)]
        [InlineData("zvm01", 65536)]
        [InlineData("zvm01:9669", 443)]
        public void Refuses_what_is_not_a_server(string server, int? port)
        {
            var e = Assert.Throws<ZvmException>(() => ZvmEndpoint.Parse(server, port));
            Assert.Equal(ErrorIds.InvalidServer, e.ErrorId);
        }
    }
}
