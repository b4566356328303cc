using System.Collections.Generic;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>The small JSON answers that are read whole: the task-type list, Keycloak's token, a member of a probe's answer.</summary>
    internal static class SmallJson
    {
        /// <summary>Reads GET /v1/tasks/types: an array of type names.</summary>
        public static List<string> ReadTypeNames(byte[] body)
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException($"expected a list of type names but found {document.RootElement.ValueKind}");
            }

            var names = new List<string>();
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                // A number stands for the type it numbers in the vendor list.
                if (element.ValueKind == JsonValueKind.String)
                {
                    names.Add(element.GetString()!);
                }
                else if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int number))
                {
                    names.Add(TaskTypeCatalog.TypeName(number));
                }
                else
                {
                    throw new JsonException($"expected a type name but found {element.ValueKind}");
                }
            }

            return names;
        }

        /// <summary>Reads a Keycloak token answer. The tokens are handed straight to the caller and never logged.</summary>
        public static KeycloakToken ReadToken(byte[] body)
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out JsonElement access)
                || access.ValueKind != JsonValueKind.String)
            {
                throw new JsonException("the token answer has no access_token");
            }

            return new KeycloakToken(
                access.GetString()!,
                root.TryGetProperty("refresh_token", out JsonElement refresh) && refresh.ValueKind == JsonValueKind.String ? refresh.GetString() : null,
                Seconds(root, "expires_in", 300),
                Seconds(root, "refresh_expires_in", 0));
        }

        /// <summary>A string member of a JSON object (a realm's "issuer", a ZVM's "Message"), or null when the body is no such object.</summary>
        public static string? TryReadString(byte[] body, string name)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty(name, out JsonElement value)
                    && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static int Seconds(JsonElement root, string name, int fallback) =>
            root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int seconds)
                ? seconds
                : fallback;
    }

    /// <summary>What Keycloak hands back; lives only inside the authenticator.</summary>
    internal sealed class KeycloakToken
    {
        public KeycloakToken(string accessToken, string? refreshToken, int expiresInSeconds, int refreshExpiresInSeconds)
        {
            AccessToken = accessToken;
            RefreshToken = refreshToken;
            ExpiresInSeconds = expiresInSeconds;
            RefreshExpiresInSeconds = refreshExpiresInSeconds;
        }

        public string AccessToken { get; }

        public string? RefreshToken { get; }

        public int ExpiresInSeconds { get; }

        public int RefreshExpiresInSeconds { get; }

        public override string ToString() => "KeycloakToken";
    }
}
