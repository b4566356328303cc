using Xunit;
using ZertoTasks.Transport;

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
        [InlineData("", null, "is not a host name")]
        [InlineData("ftp://zvm01", null, "is a ftp:// address")]
        [InlineData("https://user:pw@zvm01", null, "holds a user name")]
        [InlineData("https://zvm01/v1/tasks", null, "has the path /v1/tasks after the server")]
        [InlineData("https://zvm01/zvm", null, "has the path /zvm after the server")]
        [InlineData("zvm01?x=1", null, "has '?x=1' after the server")]
        [InlineData("zvm 01", null, "is not a host name")]
        [InlineData("zvm01:70000", null, "names port 70000, which is outside 1-65535")]
        [InlineData("zvm01:99999", null, "names port 99999, which is outside 1-65535")]
        [InlineData("https://[::1]:123456/", null, "names port 123456, which is outside 1-65535")]
        [InlineData("zvm01:0", null, "names port 0")]
        [InlineData("https://zvm01:0", null, "names port 0")]
        [InlineData("zvm01#x", null, "has '#x' after the server")]
        [InlineData("zvm01/../session", null, "has the path /session after the server")]
        [InlineData("zvm01\r\nHost: evil", null, "is not a host name")]
        [InlineData("zvm01%2Fv1", null, "")]
        [InlineData("zvm01", 0, "Port 0 is outside 1-65535")]
        [InlineData("zvm01", 65536, "Port 65536 is outside 1-65535")]
        [InlineData("zvm01:9669", 443, "-Server names port 9669 and -Port names 443")]
        public void Refuses_what_is_not_a_server_saying_what_is_wrong(string server, int? port, string said)
        {
            var e = Assert.Throws<ZvmException>(() => ZvmEndpoint.Parse(server, port));
            Assert.Equal(ErrorIds.InvalidServer, e.ErrorId);
            Assert.Contains(said, e.Message);
        }
    }
}
