using System;
using System.Net;
using System.Security;
using Xunit;
using ZertoTasks.Auth;
using ZertoTasks.Transport;

namespace ZertoTasks.Tests
{
    /// <summary>
    /// What counts as connecting again with the same login (the open session is given back) and
    /// what as another (it is replaced). No server is called here.
    /// </summary>
    public class SameLoginTests
    {
        private const string Password = "Pa55word!";

        [Fact]
        public void The_same_server_user_settings_and_password_are_the_same_login()
        {
            ZvmSession held = Held(Options("zvm01:9669"));
            Assert.Null(SameLogin.Difference(held, Options("zvm01:9669")));
            Assert.Same(held, SameLogin.Held(new[] { held }, Options("zvm01:9669")));
        }

        [Theory]
        [InlineData("timeout", "other -TimeoutSec")]
        [InlineData("retries", "other -MaximumRetryCount")]
        [InlineData("interval", "other -RetryIntervalSec")]
        [InlineData("certificate", "other -SkipCertificateCheck")]
        [InlineData("method", "other -AuthenticationMethod")]
        [InlineData("kind", "other -Kind")]
        [InlineData("password", "other password")]
        [InlineData("longer", "other password")]
        [InlineData("shorter", "other password")]
        public void Another_setting_or_password_is_another_login_and_is_named(string change, string said)
        {
            ZvmSession held = Held(Options("zvm01:9669"));
            ConnectOptions asked = Options("zvm01:9669", password: change switch
            {
                "password" => "Pa55word?",
                "longer" => Password + "x",
                "shorter" => Password.Substring(0, Password.Length - 1),
                _ => Password,
            });
            switch (change)
            {
                case "timeout": asked.Timeout = TimeSpan.FromSeconds(60); break;
                case "retries": asked.RetryPolicy = new RetryPolicy(1, TimeSpan.FromSeconds(2)); break;
                case "interval": asked.RetryPolicy = new RetryPolicy(3, TimeSpan.FromSeconds(1)); break;
                case "certificate": asked.SkipCertificateCheck = true; break;
                case "method": asked.AuthenticationMethod = ZvmAuthenticationMethod.Hypervisor; break;
                case "kind": asked.Kind = ZvmKind.Appliance; break;
            }

            Assert.Equal(said, SameLogin.Difference(held, asked));
        }

        [Fact]
        public void Every_difference_is_named_and_no_secret_is()
        {
            ZvmSession held = Held(Options("zvm01:9669"));
            ConnectOptions asked = Options("zvm01:9669", password: "Secret-Other-1");
            asked.Timeout = TimeSpan.FromSeconds(60);
            string said = SameLogin.Difference(held, asked)!;
            Assert.Equal("other -TimeoutSec, password", said);
            Assert.DoesNotContain("Secret", said);
        }

        [Fact]
        public void A_user_name_in_another_case_is_the_same_user_but_a_client_id_is_not_the_same_client()
        {
            ZvmSession user = Held(Options("zvm01:443", user: "admin"), ZvmKind.Appliance);
            Assert.Same(user, SameLogin.Held(new[] { user }, Options("zvm01:443", user: "ADMIN")));
            Assert.Null(SameLogin.Difference(user, Options("zvm01:443", user: "ADMIN")));

            ConnectOptions client = Options("zvm01:443", user: "reporting");
            client.IsClientCredential = true;
            ZvmSession held = Held(client, ZvmKind.Appliance);
            ConnectOptions otherCase = Options("zvm01:443", user: "Reporting");
            otherCase.IsClientCredential = true;
            Assert.Same(held, SameLogin.Held(new[] { held }, otherCase));
            Assert.Equal("other client id case", SameLogin.Difference(held, otherCase));
        }

        [Fact]
        public void DOMAIN_backslash_user_and_user_at_domain_are_two_names()
        {
            ZvmSession held = Held(Options("zvm01:9669", user: @"CORP\zerto"));
            Assert.Null(SameLogin.Held(new[] { held }, Options("zvm01:9669", user: "zerto@corp.example")));
        }

        [Fact]
        public void The_authentication_method_does_not_count_for_an_appliance()
        {
            ZvmSession held = Held(Options("zvm01:443"), ZvmKind.Appliance);
            ConnectOptions asked = Options("zvm01:443");
            asked.AuthenticationMethod = ZvmAuthenticationMethod.Hypervisor;
            Assert.Null(SameLogin.Difference(held, asked));
        }

        [Theory]
        [InlineData("zvm01", true)]
        [InlineData("ZVM01", true)]
        [InlineData("https://zvm01:9669", true)]
        [InlineData("zvm01:9670", false)]
        [InlineData("http://zvm01:9669", false)]
        [InlineData("zvm02:9669", false)]
        public void Without_a_port_the_server_is_the_host_at_its_kinds_default_port(string server, bool same)
        {
            ZvmSession held = Held(Options("zvm01:" + DefaultPorts.Windows));
            Assert.Equal(same, SameLogin.Held(new[] { held }, Options(server)) != null);
        }

        [Fact]
        public void Without_a_port_a_Kind_named_picks_that_kinds_port()
        {
            ZvmSession held = Held(Options("zvm01:" + DefaultPorts.Windows));
            ConnectOptions asked = Options("zvm01");
            asked.Kind = ZvmKind.Appliance;
            Assert.Null(SameLogin.Held(new[] { held }, asked));
        }

        [Fact]
        public void A_disconnected_session_is_no_open_session()
        {
            ZvmSession held = Held(Options("zvm01:9669"));
            held.IsConnected = false;
            Assert.Null(SameLogin.Held(new[] { held }, Options("zvm01:9669")));
        }

        [Theory]
        [InlineData("", "", true)]
        [InlineData("a", "a", true)]
        [InlineData("Pa55word!", "Pa55word!", true)]
        [InlineData("Pa55word!", "Pa55word?", false)]
        [InlineData("Pa55word!", "Pa55word", false)]
        [InlineData("", "x", false)]
        [InlineData("päss", "pass", false)]
        public void Secrets_are_compared_whole(string a, string b, bool same) =>
            Assert.Equal(same, SameLogin.SameSecret(new NetworkCredential("u", Secure(a)), new NetworkCredential("u", Secure(b))));

        private static ConnectOptions Options(string server, string user = "admin", string password = Password) =>
            new ConnectOptions(ZvmEndpoint.Parse(server, null), new NetworkCredential(user, Secure(password)))
            {
                Timeout = TimeSpan.FromSeconds(100),
                RetryPolicy = new RetryPolicy(3, TimeSpan.FromSeconds(2)),
            };

        /// <summary>A session as ZvmConnector makes it, without logging in.</summary>
        private static ZvmSession Held(ConnectOptions options, ZvmKind kind = ZvmKind.Windows)
        {
            int port = options.Endpoint.ImpliedPort ?? DefaultPorts.Of(kind);
            var client = new ZvmClient(options.Endpoint.BaseUri(port), options.SkipCertificateCheck, options.Timeout, options.RetryPolicy);
            client.Authenticator = kind == ZvmKind.Windows
                ? new WindowsSessionAuthenticator(client, options.Credential, options.AuthenticationMethod)
                : new KeycloakAuthenticator(client, options.Credential, options.IsClientCredential);
            return new ZvmSession(client, kind, options.SkipCertificateCheck) { Settings = options };
        }

        private static SecureString Secure(string text)
        {
            var secure = new SecureString();
            foreach (char c in text)
            {
                secure.AppendChar(c);
            }

            return secure;
        }
    }
}
