using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;

namespace ZertoTasks.Http
{
    /// <summary>The three task endpoints of a ZVM.</summary>
    internal static class ZvmTaskApi
    {
        /// <summary>Sends GET /v1/tasks and returns the answer open, to be read task by task.</summary>
        public static async Task<TaskListStream> OpenTaskListAsync(ZvmSession session, TaskQuery query, IZvmLog log, CancellationToken cancellation)
        {
            ZvmClient client = session.Client;
            HttpResponseMessage response = await client.GetAsync(query.ToRelativeUri(), client.Server, log, cancellation).ConfigureAwait(false);
            try
            {
                await RefuseHtmlAsync(client, response, cancellation).ConfigureAwait(false);
                Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                return new TaskListStream(client, response, body, cancellation);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        /// <summary>GET /v1/tasks/{id}. An id the ZVM does not know (it answers 400 or 404) is TaskNotFound.</summary>
        public static async Task<ZvmTask> GetTaskAsync(ZvmSession session, string validatedIdentifier, IZvmLog log, CancellationToken cancellation)
        {
            ZvmClient client = session.Client;
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(TaskIdentifier.RelativeUri(validatedIdentifier), validatedIdentifier, log, cancellation).ConfigureAwait(false);
            }
            catch (ZvmException e) when (e.StatusCode == 404 || e.StatusCode == 400)
            {
                throw new ZvmException(
                    ErrorIds.TaskNotFound,
                    ZvmErrorCategory.ObjectNotFound,
                    $"{client.Server} has no task '{validatedIdentifier}'{(e.ServerMessage == null ? "." : ": " + e.ServerMessage)}",
                    validatedIdentifier,
                    e.ServerMessage,
                    e) { StatusCode = e.StatusCode };
            }

            using (response)
            {
                await RefuseHtmlAsync(client, response, cancellation).ConfigureAwait(false);
                byte[] body = await client.ReadSmallBodyAsync(response, cancellation).ConfigureAwait(false);
                return ParseWhole(client, $"task '{validatedIdentifier}'", () => TaskJsonParser.Parse(body, client.Server));
            }
        }

        /// <summary>GET /v1/tasks/types, each name with its number where the module's list has it.</summary>
        public static async Task<List<ZvmTaskTypeInfo>> GetTaskTypesAsync(ZvmSession session, IZvmLog log, CancellationToken cancellation)
        {
            ZvmClient client = session.Client;
            using HttpResponseMessage response = await client.GetAsync("v1/tasks/types", client.Server, log, cancellation).ConfigureAwait(false);
            await RefuseHtmlAsync(client, response, cancellation).ConfigureAwait(false);
            byte[] body = await client.ReadSmallBodyAsync(response, cancellation).ConfigureAwait(false);
            List<string> names = ParseWhole(client, "the list of task types", () => SmallJson.ReadTypeNames(body));
            var types = new List<ZvmTaskTypeInfo>(names.Count);
            foreach (string name in names)
            {
                types.Add(new ZvmTaskTypeInfo(name, TaskTypeCatalog.TypeNumber(name), client.Server));
            }

            return types;
        }

        // A proxy in front of the ZVM can answer 200 with its own HTML page.
        private static async Task RefuseHtmlAsync(ZvmClient client, HttpResponseMessage response, CancellationToken cancellation)
        {
            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != null && mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                byte[] page = await client.ReadSmallBodyAsync(response, cancellation, 64 * 1024).ConfigureAwait(false);
                throw new ZvmException(
                    ErrorIds.ZvmResponseInvalid,
                    ZvmErrorCategory.InvalidData,
                    $"{client.Server} answered {response.RequestMessage?.RequestUri?.AbsolutePath} with {ErrorBodyReader.ServerMessage(page, mediaType)} instead of JSON: is a proxy in the way?",
                    client.Server);
            }
        }

        private static T ParseWhole<T>(ZvmClient client, string what, Func<T> parse)
        {
            try
            {
                return parse();
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                throw new ZvmException(
                    ErrorIds.ZvmResponseInvalid,
                    ZvmErrorCategory.InvalidData,
                    $"{client.Server} answered with something other than {what} in JSON: {e.Message}",
                    client.Server,
                    innerException: e);
            }
        }
    }
}
