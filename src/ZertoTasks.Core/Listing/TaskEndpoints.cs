using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;
using ZertoTasks.Transport;

namespace ZertoTasks.Listing
{
    /// <summary>The three task endpoints of a ZVM.</summary>
    internal static class TaskEndpoints
    {
        private const string TypesPath = "v1/tasks/types";

        /// <summary>
        /// Sends GET /v1/tasks and returns the answer open, to be read task by task; disposing the
        /// reader closes the connection, so a caller that stops early (Select-Object -First 5) frees it at once.
        /// </summary>
        /// <param name="answered">sees each answer's headers first (the watch reads the ZVM's clock from its Date)</param>
        public static Task<TaskListReader> OpenTaskListAsync(ZvmSession session, TaskQuery query, IZvmLog log, CancellationToken cancellation,
            Action<HttpResponseMessage>? answered = null)
        {
            ZvmClient client = session.Client;
            return client.GetAsync(query.ToRelativeUri(), client.Server, async response =>
            {
                answered?.Invoke(response);
                await ResponseErrors.RefuseHtmlAsync(client, response, cancellation).ConfigureAwait(false);
                return new TaskListReader(await ResponseBody.OpenAsync(response, client, cancellation).ConfigureAwait(false), client.Server);
            }, log, cancellation);
        }

        /// <summary>
        /// GET /v1/tasks/{id}. An id the ZVM does not know is TaskNotFound: a 404, or a 400 whose
        /// message says so. Other 400s (a missing licence, say) keep their own ErrorId.
        /// </summary>
        public static async Task<ZvmTask> GetTaskAsync(ZvmSession session, string validatedIdentifier, IZvmLog log, CancellationToken cancellation,
            RetryPolicy? retryPolicy = null)
        {
            ZvmClient client = session.Client;
            byte[] body;
            try
            {
                body = await GetWholeAsync(client, TaskIdentifier.RelativeUri(validatedIdentifier), validatedIdentifier, log, cancellation, retryPolicy: retryPolicy).ConfigureAwait(false);
            }
            catch (ZvmException e) when (e.ErrorId == ErrorIds.ZvmRequestFailed
                && (e.StatusCode == 404 || (e.StatusCode == 400 && ServerMessages.TaskIsUnknown(e.ServerMessage, validatedIdentifier))))
            {
                throw TaskErrors.NotFound(new[] { client.Server }, validatedIdentifier, e);
            }

            return ParseTask(body, client.Server, validatedIdentifier);
        }

        /// <summary>GET /v1/tasks/types, each name with its number where the module's list has it.</summary>
        public static async Task<List<ZvmTaskTypeInfo>> GetTaskTypesAsync(ZvmSession session, IZvmLog log, CancellationToken cancellation)
        {
            ZvmClient client = session.Client;
            byte[] body = await GetWholeAsync(client, TypesPath, client.Server, log, cancellation).ConfigureAwait(false);
            List<string> names = ParseTypeNames(body, client.Server);
            var types = new List<ZvmTaskTypeInfo>(names.Count);
            foreach (string name in names)
            {
                types.Add(new ZvmTaskTypeInfo(name, TaskTypeCatalog.TypeNumber(name), client.Server));
            }

            return types;
        }

        /// <summary>The answer to GET /v1/tasks/{id}: one task object with its identifier, nothing after it.</summary>
        internal static ZvmTask ParseTask(byte[] body, string server, string identifier) =>
            WholeResponse.Parse(body, server, "GET /" + TaskIdentifier.RelativeUri(identifier), "a task", bytes =>
            {
                ZvmTask task = TaskJsonParser.Parse(bytes, server);
                return task.TaskIdentifier.Length > 0 ? task : throw new JsonException("an object without a task identifier");
            });

        internal static List<string> ParseTypeNames(byte[] body, string server) =>
            WholeResponse.Parse(body, server, "GET /" + TypesPath, "the list of task types", SmallJson.ReadTypeNames);

        // Whole answers are read inside the retries: a connection lost mid-answer is tried again.
        internal static Task<byte[]> GetWholeAsync(ZvmClient client, string relative, object target, IZvmLog log, CancellationToken cancellation,
            int limit = 16 * 1024 * 1024, RetryPolicy? retryPolicy = null) =>
            client.GetAsync(relative, target, async response =>
            {
                using (response)
                {
                    await ResponseErrors.RefuseHtmlAsync(client, response, cancellation).ConfigureAwait(false);
                    return await ResponseBody.ReadSmallAsync(response, client, cancellation, limit).ConfigureAwait(false);
                }
            }, log, cancellation, retryPolicy);
    }
}
