using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;
using ZertoTasks.Auth;
using ZertoTasks.Transport;

namespace ZertoTasks.Tests
{
    /// <summary>
    /// Connect-ZvmSession when no port could be asked: one message, each sentence ended, the
    /// reason said once when the ports share it, and what to check (issue 23: two messages were
    /// glued together). The Pester tests cover refused loopback ports; a name that does not
    /// resolve is built here, so that no test asks a DNS server.
    /// </summary>
    public class NoZvmMessageTests
    {
        private static readonly List<int> BothPorts = new List<int> { 443, 9669 };

        [Fact]
        public void A_name_that_does_not_resolve_is_said_once_whatever_the_ports()
        {
            ConnectOptions options = Options("zvm01.invalid");
            ZvmException error = ZvmConnector.NoZvm(options, BothPorts, new List<PortReport>
            {
                Failed("zvm01.invalid:443", NameNotKnown()),
                Failed("zvm01.invalid:9669", NameNotKnown()),
            });

            Assert.Equal(ErrorIds.ZvmUnreachable, error.ErrorId);
            Assert.Equal("zvm01.invalid", error.Target);
            Assert.StartsWith("The name 'zvm01.invalid' could not be resolved to an address (", error.Message);
            Assert.Contains("so no port was asked. Check the spelling of -Server", error.Message);
            Assert.Single(Regex.Matches(error.Message, "could not be resolved"));
            Assert.DoesNotContain(":443", error.Message);
        }

        [Fact]
        public void Ports_that_refuse_for_the_same_reason_share_one_sentence()
        {
            ZvmException error = ZvmConnector.NoZvm(Options("zvm01"), BothPorts, new List<PortReport>
            {
                Failed("zvm01:443", Refused()),
                Failed("zvm01:9669", Refused()),
            });

            Assert.Equal("zvm01 could not be reached on port 443 nor on port 9669: Connection refused. Check that -Server names the ZVM and that it is running, "
                + "and that no firewall blocks these ports from this machine; a ZVM that listens on another port is given with -Port.", error.Message);
        }

        [Fact]
        public void Ports_that_fail_differently_each_say_why()
        {
            var timedOut = TransportErrors.TimedOut("zvm01:9669", TimeSpan.FromSeconds(100), new System.Threading.Tasks.TaskCanceledException());
            ZvmException error = ZvmConnector.NoZvm(Options("zvm01"), BothPorts, new List<PortReport>
            {
                Failed("zvm01:443", Refused()),
                new PortReport("zvm01:9669", null, new string[0], timedOut),
            });

            Assert.StartsWith("zvm01 could not be reached on port 443 (Connection refused) nor on port 9669 (no answer within -TimeoutSec, 100 seconds). Check", error.Message);
            Assert.Equal(ZvmErrorCategory.ConnectionError, error.Category);
        }

        [Fact]
        public void A_port_that_answered_and_one_that_did_not_are_two_sentences()
        {
            ZvmException error = ZvmConnector.NoZvm(Options("zvm01"), BothPorts, new List<PortReport>
            {
                new PortReport("zvm01:443", null, new[] { "404 (Not Found) to the appliance's Keycloak realm" }),
                Failed("zvm01:9669", Refused()),
            });

            Assert.Equal(ErrorIds.ZvmKindNotDetected, error.ErrorId);
            Assert.Contains("zvm01:443 answered 404 (Not Found) to the appliance's Keycloak realm. zvm01:9669 could not be reached: Connection refused. The credential", error.Message);
        }

        private static ConnectOptions Options(string server) =>
            new ConnectOptions(ZvmEndpoint.Parse(server, null), new NetworkCredential("admin", "unused"));

        private static PortReport Failed(string server, Exception e) =>
            new PortReport(server, null, new string[0], TransportErrors.Failed(server, e));

        private static HttpRequestException NameNotKnown() =>
            new HttpRequestException("An error occurred while sending the request.", new SocketException((int)SocketError.HostNotFound));

        private static HttpRequestException Refused() =>
            new HttpRequestException("An error occurred while sending the request.", new TestSocketException(SocketError.ConnectionRefused, "Connection refused"));

        /// <summary>A socket error with the words Linux gives, whatever the machine the test runs on.</summary>
        private sealed class TestSocketException : SocketException
        {
            private readonly string _message;

            public TestSocketException(SocketError error, string message) : base((int)error) => _message = message;

            public override string Message => _message;
        }
    }
}
