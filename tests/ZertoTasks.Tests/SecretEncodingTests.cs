using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using ZertoTasks.Auth;
using Xunit;

namespace ZertoTasks.Tests
{
    /// <summary>The secret reaches the wire exactly as the plain-string way would have put it.</summary>
    public class SecretEncodingTests
    {
        private const string Awkward = "p@ss w0rd!&=+%/ü€😀";

        [Fact]
        public void The_basic_header_is_base64_of_user_colon_password()
        {
            using SecureString secret = Secure(Awkward);
            Assert.Equal(
                Convert.ToBase64String(Encoding.UTF8.GetBytes("CORP\\admin:" + Awkward)),
                SecretEncoding.BasicCredentials("CORP\\admin", secret));
        }

        [Theory]
        [InlineData("password")]
        [InlineData(null)]
        public async Task The_form_is_what_FormUrlEncodedContent_would_send(string? secretName)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("grant_type", "password"),
                new KeyValuePair<string, string>("username", "Ad min&co"),
            };
            var expected = new List<KeyValuePair<string, string>>(fields);
            if (secretName != null)
            {
                expected.Add(new KeyValuePair<string, string>(secretName, Awkward));
            }

            using SecureString secret = Secure(Awkward);
            byte[] body = SecretEncoding.Form(fields, secretName, secretName == null ? null : secret);
            Assert.Equal(await new FormUrlEncodedContent(expected).ReadAsByteArrayAsync(), body);
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
