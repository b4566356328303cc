using System;
using System.Net.Http;
using System.Security.Authentication;
using Xunit;
using ZertoTasks.Listing;
using ZertoTasks.Transport;

namespace ZertoTasks.Tests
{
    public class HttpHandlerFactoryTests
    {
        [Fact]
        public void A_session_speaks_TLS_1_2_or_later_and_checks_certificates_by_default()
        {
            using var handler = (HttpClientHandler)HttpHandlerFactory.Create(skipCertificateCheck: false);
#pragma warning disable SYSLIB0039, CS0618 // the old protocols are named only to prove they are off
            Assert.Equal(SslProtocols.None, handler.SslProtocols & (SslProtocols.Ssl2 | SslProtocols.Ssl3 | SslProtocols.Tls | SslProtocols.Tls11));
#pragma warning restore SYSLIB0039, CS0618
            Assert.Equal(SslProtocols.Tls12, handler.SslProtocols & SslProtocols.Tls12);
            Assert.Null(handler.ServerCertificateCustomValidationCallback);
            Assert.False(handler.AllowAutoRedirect);
        }

        [Theory]
        [InlineData(PlatformID.Win32NT, "10.0.17763")] // Windows Server 2019
        [InlineData(PlatformID.Win32NT, "10.0.19045")] // Windows 10 22H2
        public void Windows_PowerShell_asks_for_TLS_1_2_where_Windows_lacks_1_3(PlatformID platform, string version) =>
            Assert.Equal(SslProtocols.Tls12, HttpHandlerFactory.TlsProtocols(true, new OperatingSystem(platform, Version.Parse(version))));

        [Theory]
        [InlineData("10.0.20348")] // Windows Server 2022
        [InlineData("10.0.26100")] // Windows 11 24H2, Windows Server 2025
        public void Windows_PowerShell_offers_TLS_1_3_too_where_Windows_has_it(string version) =>
            Assert.Equal(SslProtocols.Tls12 | HttpHandlerFactory.Tls13, HttpHandlerFactory.TlsProtocols(true, new OperatingSystem(PlatformID.Win32NT, Version.Parse(version))));

        [Fact]
        public void PowerShell_7_offers_TLS_1_2_and_1_3_and_the_runtime_keeps_what_the_OS_has()
        {
            Assert.Equal(SslProtocols.Tls12 | HttpHandlerFactory.Tls13, HttpHandlerFactory.TlsProtocols(false, new OperatingSystem(PlatformID.Unix, new Version(6, 8))));
            using var handler = (HttpClientHandler)HttpHandlerFactory.Create(skipCertificateCheck: false);
            Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, handler.SslProtocols);
        }

        [Fact]
        public void A_session_may_use_more_than_the_two_connections_per_server_of_dotnet_framework()
        {
            using var handler = (HttpClientHandler)HttpHandlerFactory.Create(skipCertificateCheck: false);
            Assert.Equal(HttpHandlerFactory.MaxConnectionsPerServer, handler.MaxConnectionsPerServer);
            Assert.True(HttpHandlerFactory.MaxConnectionsPerServer > TaskQueryPlan.MaxRequests, "a listing's parallel requests and its look-ups fit");
        }

        [Fact]
        public void Skipping_the_check_is_a_setting_of_that_handler_alone()
        {
            using var skipping = (HttpClientHandler)HttpHandlerFactory.Create(skipCertificateCheck: true);
            using var checking = (HttpClientHandler)HttpHandlerFactory.Create(skipCertificateCheck: false);
            Assert.NotNull(skipping.ServerCertificateCustomValidationCallback);
            Assert.Null(checking.ServerCertificateCustomValidationCallback);
        }
    }
}
