using System.Net.Http;
using System.Security.Authentication;
using ZertoTasks.Http;
using Xunit;

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
