using System;
using System.Net;
using System.Net.Http;
using System.Text;
using Xunit;
using ZertoTasks.Json;
using ZertoTasks.Transport;

namespace ZertoTasks.Tests
{
    public class ErrorBodyReaderTests
    {
        [Theory]
        [InlineData("{\"Message\":\"Valid License is not provided \"}", "application/json", "Valid License is not provided")]
        [InlineData("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}", "application/json", "Invalid user credentials")]
        [InlineData("{\"error\":\"invalid_grant\"}", "application/json", "invalid_grant")]
        [InlineData("<html><head><title>502 Bad Gateway</title></head></html>", "text/html", "an HTML page titled '502 Bad Gateway'")]
        [InlineData("plain words", "text/plain", "plain words")]
        public void Finds_what_the_server_said(string body, string mediaType, string expected) =>
            Assert.Equal(expected, ErrorBodyReader.ServerMessage(Encoding.UTF8.GetBytes(body), mediaType));

        [Fact]
        public void An_empty_body_says_nothing() => Assert.Null(ErrorBodyReader.ServerMessage(new byte[0], null));
    }

    public class RetryPolicyTests
    {
        private readonly RetryPolicy _policy = new RetryPolicy(3, TimeSpan.FromSeconds(2));

        [Theory]
        [InlineData(429, true)]
        [InlineData(502, true)]
        [InlineData(503, true)]
        [InlineData(504, true)]
        [InlineData(400, false)]
        [InlineData(401, false)]
        [InlineData(404, false)]
        [InlineData(500, false)]
        public void Only_transient_statuses_are_retried(int status, bool transient) =>
            Assert.Equal(transient, RetryPolicy.IsTransient((HttpStatusCode)status));

        [Fact]
        public void The_interval_doubles()
        {
            Assert.Equal(TimeSpan.FromSeconds(2), _policy.DelayBefore(1, null));
            Assert.Equal(TimeSpan.FromSeconds(4), _policy.DelayBefore(2, null));
            Assert.Equal(TimeSpan.FromSeconds(8), _policy.DelayBefore(3, null));
        }

        [Fact]
        public void Retry_after_wins_but_is_capped()
        {
            using var response = new HttpResponseMessage((HttpStatusCode)503);
            response.Headers.Add("Retry-After", "7");
            Assert.Equal(TimeSpan.FromSeconds(7), _policy.DelayBefore(1, response));
            response.Headers.Remove("Retry-After");
            response.Headers.Add("Retry-After", "3600");
            Assert.Equal(TimeSpan.FromSeconds(60), _policy.DelayBefore(1, response));
        }
    }
}
