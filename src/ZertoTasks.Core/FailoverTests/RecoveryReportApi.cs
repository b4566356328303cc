using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Listing;
using ZertoTasks.Transport;
using ZertoTasks.Json;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// GET /v1/reports/recovery: the failover-test reports of a ZVM, page after page. The ZVM
    /// ignores a parameter it does not know, so the reports are filtered on this side as well.
    /// </summary>
    internal static class RecoveryReportApi
    {
        public const string Path = "v1/reports/recovery";

        /// <summary>The largest page the API gives.</summary>
        public const int PageSize = 1000;

        // A ZVM that keeps answering full pages is not read past a million reports.
        private const int MaxPages = 1000;

        /// <summary>The failover-test reports that started at or after <paramref name="startedAfter"/> (all with null).</summary>
        /// <exception cref="ZvmException">the reports cannot be read (403, 404 on an older ZVM, ...)</exception>
        public static async Task<List<RecoveryReport>> ReadAsync(ZvmClient client, DateTime? startedAfter, IZvmLog log, CancellationToken cancellation)
        {
            var reports = new List<RecoveryReport>();
            for (int page = 1; page <= MaxPages; page++)
            {
                List<RecoveryReport> read = await GetPageAsync(client, RelativeUri(startedAfter, page), log, cancellation).ConfigureAwait(false);
                foreach (RecoveryReport report in read)
                {
                    if (report.IsFailoverTest && (startedAfter == null || report.Started == null || report.Started >= startedAfter.Value.AddMinutes(-10)))
                    {
                        reports.Add(report);
                    }
                }

                if (read.Count < PageSize)
                {
                    break;
                }
            }

            return reports;
        }

        /// <summary>"v1/reports/recovery?recoveryType=FailoverTest&amp;pageNumber=1&amp;pageSize=1000" and the start, if any.</summary>
        public static string RelativeUri(DateTime? startedAfter, int page)
        {
            string query = $"recoveryType=FailoverTest&pageNumber={page.ToString(CultureInfo.InvariantCulture)}&pageSize={PageSize.ToString(CultureInfo.InvariantCulture)}";
            if (startedAfter.HasValue)
            {
                // A report starts a little after its task; a few minutes' margin keeps it.
                query += "&startTime=" + Uri.EscapeDataString(ZvmDate.ToQueryValue(startedAfter.Value.AddMinutes(-10)));
            }

            return Path + "?" + query;
        }

        // One page, parsed as it arrives into pooled buffers: a fleet's pages of a few hundred KB
        // each, read whole into arrays of their own, set off full collections.
        private static Task<List<RecoveryReport>> GetPageAsync(ZvmClient client, string relative, IZvmLog log, CancellationToken cancellation) =>
            client.GetAsync(relative, client.Server, async response =>
            {
                using (response)
                {
                    await ResponseErrors.RefuseHtmlAsync(client, response, cancellation).ConfigureAwait(false);
                    using ResponseBody body = await ResponseBody.OpenAsync(response, client, cancellation).ConfigureAwait(false);
                    try
                    {
                        using JsonDocument document = await JsonDocument.ParseAsync(body, default, cancellation).ConfigureAwait(false);
                        return Parse(document);
                    }
                    catch (JsonException e)
                    {
                        string flaw = e.LineNumber == null ? WholeResponse.OtherShape(e) : WholeResponse.NotJson(e);
                        throw WholeResponse.Invalid(client.Server, "GET /" + Path, "a list of recovery reports", flaw, e);
                    }
                }
            }, log, cancellation);

        /// <summary>An array of reports, either casing; members of "general" may be strings, numbers or null.</summary>
        public static List<RecoveryReport> Parse(byte[] body)
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return Parse(document);
        }

        private static List<RecoveryReport> Parse(JsonDocument document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException($"expected a list but found {document.RootElement.ValueKind}");
            }

            var reports = new List<RecoveryReport>();
            // The same VPGs, types, verdicts and notes again and again: one string each.
            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            string Shared(string text) => text.Length == 0 ? string.Empty : strings.TryGetValue(text, out string? kept) ? kept : strings[text] = text;
            foreach (JsonElement item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException($"expected an object but found {item.ValueKind}");
                }

                JsonElement general = Member(item, "general") ?? default;
                var report = new RecoveryReport
                {
                    Identifier = Text(Member(item, "recoveryOperationIdentifier")),
                    VpgIdentifier = Shared(Text(Member(general, "vpgIdentifier"))),
                    VpgName = Shared(Text(Member(general, "vpgName"))),
                    RecoveryType = Shared(Text(Member(general, "recoveryType"))),
                    Status = Shared(Text(Member(general, "status"))),
                    Notes = Shared(Text(Member(general, "notes"))),
                    Started = ZvmDate.TryParse(Text(Member(general, "startTime")), out DateTime started) ? started : (DateTime?)null,
                    RtoSeconds = int.TryParse(Text(Member(general, "rtoInSeconds")), NumberStyles.Integer, CultureInfo.InvariantCulture, out int rto) ? rto : (int?)null,
                };
                reports.Add(report);
            }

            return reports;
        }

        private static JsonElement? Member(JsonElement element, string name)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value;
                }
            }

            return null;
        }

        private static string Text(JsonElement? value) => value switch
        {
            { ValueKind: JsonValueKind.String } s => s.GetString() ?? string.Empty,
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            _ => string.Empty,
        };
    }
}
