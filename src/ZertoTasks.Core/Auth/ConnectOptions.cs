using System;
using System.Net;
using ZertoTasks.Transport;

namespace ZertoTasks.Auth
{
    /// <summary>What Connect-ZvmSession was asked for.</summary>
    internal sealed class ConnectOptions
    {
        public ConnectOptions(ZvmEndpoint endpoint, NetworkCredential credential)
        {
            Endpoint = endpoint;
            Credential = credential;
        }

        public ZvmEndpoint Endpoint { get; }

        public NetworkCredential Credential { get; }

        /// <summary>The credential is a Keycloak client id and secret (appliance only).</summary>
        public bool IsClientCredential { get; set; }

        /// <summary>Null: find out from how the server answers.</summary>
        public ZvmKind? Kind { get; set; }

        public ZvmAuthenticationMethod AuthenticationMethod { get; set; }

        public bool SkipCertificateCheck { get; set; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        public RetryPolicy RetryPolicy { get; set; } = new RetryPolicy(3, TimeSpan.FromSeconds(2));
    }
}
