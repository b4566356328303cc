using System;
using System.Text;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Finds what the server said in an error answer: a Windows ZVM's {"Message": ...},
    /// Keycloak's {"error": ..., "error_description": ...}, or the title of a proxy's HTML page.
    /// </summary>
    internal static class ErrorBodyReader
    {
        private const int MaxPlainTextLength = 300;

        public static string? ServerMessage(byte[] body, string? mediaType)
        {
            if (body.Length == 0)
            {
                return null;
            }

            string text = Encoding.UTF8.GetString(body).Trim();
            if (text.StartsWith("{", StringComparison.Ordinal))
            {
                return FromJson(body) ?? Shorten(text);
            }

            if (IsHtml(mediaType) || text.StartsWith("<", StringComparison.Ordinal))
            {
                return FromHtml(text);
            }

            return Shorten(text);
        }

        /// <summary>True for an HTML media type (text/html, application/xhtml+xml): a page, not an API answer.</summary>
        public static bool IsHtml(string? mediaType) =>
            mediaType != null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0;

        private static string? FromJson(byte[] body)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                string? message = null, error = null, description = null;
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    if (property.NameEquals("Message") || property.NameEquals("message")) { message = property.Value.GetString(); }
                    else if (property.NameEquals("error_description")) { description = property.Value.GetString(); }
                    else if (property.NameEquals("error")) { error = property.Value.GetString(); }
                }

                return message?.Trim() ?? description ?? error;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // A proxy's error page: its <title> says what happened (e.g. "502 Bad Gateway").
        private static string FromHtml(string html)
        {
            int open = html.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            int close = open < 0 ? -1 : html.IndexOf("</title>", open, StringComparison.OrdinalIgnoreCase);
            string title = close > open ? html.Substring(open + 7, close - open - 7).Trim() : string.Empty;
            return title.Length > 0 ? $"an HTML page titled '{title}'" : "an HTML page";
        }

        private static string Shorten(string text) =>
            text.Length <= MaxPlainTextLength ? text : text.Substring(0, MaxPlainTextLength) + "...";
    }
}
