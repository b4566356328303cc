using System;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Reads an answer that comes whole (one task, the type list, a Keycloak token). Whatever is
    /// wrong with it becomes ZvmResponseInvalid, naming the server, the request and the flaw.
    /// </summary>
    internal static class WholeResponse
    {
        public const string EmptyBody = "an empty body";

        public const string BreaksOff = "JSON that breaks off (the answer was cut short)";

        /// <param name="request">e.g. "GET /v1/tasks/types"</param>
        /// <param name="expected">e.g. "the list of task types"</param>
        /// <param name="parse">throws JsonException (or InvalidOperationException, for invalid UTF-8) when the body is not what was expected</param>
        public static T Parse<T>(byte[] body, string server, string request, string expected, Func<byte[], T> parse)
        {
            try
            {
                return parse(body);
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                throw Invalid(server, request, expected, Flaw(body, e), e);
            }
        }

        /// <summary>ZvmResponseInvalid: <paramref name="server"/> answered <paramref name="request"/> with <paramref name="flaw"/>.</summary>
        public static ZvmException Invalid(string server, string request, string expected, string flaw, Exception e) =>
            new ZvmException(
                ErrorIds.ZvmResponseInvalid,
                ZvmErrorCategory.InvalidData,
                $"{server} answered {request} with {flaw} instead of {expected}.",
                server,
                innerException: e);

        public static string NotJson(Exception e) => $"something that is not JSON ({JsonProblem.Describe(e)})";

        public static string OtherShape(Exception e) => $"JSON of another shape ({e.Message})";

        private static string Flaw(byte[] body, Exception e)
        {
            if (body.Length == 0 || string.IsNullOrWhiteSpace(System.Text.Encoding.UTF8.GetString(body)))
            {
                return EmptyBody;
            }

            // The parsers' own exceptions (valid JSON, wrong content) carry no position.
            if (e is JsonException shape && shape.LineNumber == null)
            {
                return OtherShape(e);
            }

            return JsonProblem.EndsEarly(body) ? BreaksOff : NotJson(e);
        }
    }
}
