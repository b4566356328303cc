using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using ZertoTasks.Json;

namespace ZertoTasks.Http
{
    /// <summary>
    /// An open GET /v1/tasks answer, read one task at a time. Disposing it closes the
    /// connection, so a caller that stops early (Select-Object -First 5) frees it at once.
    /// </summary>
    internal sealed class TaskListStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly Stream _body;
        private readonly TaskArrayReader _reader;

        public TaskListStream(ZvmClient client, HttpResponseMessage response, Stream body, CancellationToken cancellation)
        {
            _response = response;
            _body = body;
            _reader = new TaskArrayReader(body, client.Server, (stream, buffer, offset, count) => client.ReadBody(stream, buffer, offset, count, cancellation));
        }

        public int TasksRead => _reader.TasksRead;

        /// <exception cref="ZvmException">the body is not a whole task list, or the connection failed</exception>
        public bool TryReadNext(out ZvmTask task) => _reader.TryReadNext(out task);

        public void Dispose()
        {
            _body.Dispose();
            _response.Dispose();
        }
    }
}
