using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using static ZertoTasks.Json.JsonSteps;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Turns one task object, in either the Windows ZVM shape (PascalCase, /Date()/) or the
    /// appliance shape (camelCase, ISO dates, id only in link.identifier), into a ZvmTask.
    /// Unknown fields are skipped. A known field whose value cannot be read (of another JSON kind,
    /// out of range, a date no DateTime holds) does not stop the task being read to its end: the
    /// task then carries a <see cref="Problem"/>, so that one bad task costs the list one task and
    /// its error can name it by the identifier that may come after the bad value. JSON that is
    /// broken is the reader's JsonException, as before. One parser reads a whole task list, so the
    /// strings that repeat across its tasks are shared. Each field's value is read by a
    /// <see cref="FieldValueReader"/>; every move goes through <see cref="JsonSteps"/>.
    /// </summary>
    /// <remarks>
    /// A list is parsed straight off the reader that walks it, in the pieces in which it arrives,
    /// rather than first scanned for the end of each task and then parsed: half the work. When a
    /// piece ends inside a task, <see cref="TryRead"/> says so and the caller tries again with more.
    /// </remarks>
    internal sealed class TaskJsonParser
    {
        private readonly string _server;
        private readonly FieldValueReader _fields = new FieldValueReader();
        // Bounded like the string cache: an unusual list costs allocations, never memory.
        private const int MaxSharedLists = 2048;

        private readonly List<string> _identifiers = new List<string>();
        private readonly Dictionary<string, ZvmEntityList> _oneEntityLists = new Dictionary<string, ZvmEntityList>(StringComparer.Ordinal);
        private long _taskStart;

        public TaskJsonParser(string server) => _server = server;

        /// <summary>Parses a task on its own, as GET /v1/tasks/{id} answers: one object, nothing after it.</summary>
        public static ZvmTask Parse(ReadOnlySpan<byte> json, string server)
        {
            var reader = new Utf8JsonReader(json, isFinalBlock: true, state: default);
            reader.Read();
            var parser = new TaskJsonParser(server);
            if (!parser.TryRead(ref reader, out ZvmTask task))
            {
                throw new JsonException("the task ended early");
            }

            reader.Read(); // throws on anything but white space after the task
            return parser.Problem == null ? task : throw new JsonException(parser.Problem);
        }

        /// <summary>
        /// What was wrong with the last task read, as "Status.Progress is 1e400, not a whole
        /// number..."; null when every value could be read. Only the first flaw is kept.
        /// </summary>
        public string? Problem => _fields.Problem;

        /// <summary>
        /// Reads the task the reader stands on, its StartObject through its EndObject. False when
        /// the reader's data ends first; the reader is then of no further use.
        /// </summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public bool TryRead(ref Utf8JsonReader reader, out ZvmTask task)
        {
            try
            {
                task = Read(ref reader);
                return true;
            }
            catch (EndOfData)
            {
                task = null!;
                return false;
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private ZvmTask Read(ref Utf8JsonReader reader)
        {
            _taskStart = reader.TokenStartIndex;
            _fields.Problem = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw TaskFieldErrors.WrongKind(ref reader, "a task", _taskStart);
            }

            var task = new ZvmTask { Server = _server };
            string? linkIdentifier = null;
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "taskidentifier")) { Next(ref reader); task.TaskIdentifier = _fields.ReadUniqueString(ref reader, linkIdentifier, "TaskIdentifier"); }
                else if (JsonNames.Is(ref reader, "type")) { Next(ref reader); task.Type = _fields.ReadName(ref reader, TaskTypeCatalog.TypeName, "Type"); }
                else if (JsonNames.Is(ref reader, "status")) { Next(ref reader); ReadStatus(ref reader, task); }
                else if (JsonNames.Is(ref reader, "started")) { Next(ref reader); task.Started = _fields.ReadDate(ref reader, "Started"); }
                else if (JsonNames.Is(ref reader, "completed")) { Next(ref reader); task.Completed = _fields.ReadDate(ref reader, "Completed"); }
                else if (JsonNames.Is(ref reader, "initiatedby")) { Next(ref reader); task.InitiatedBy = _fields.ReadString(ref reader, "InitiatedBy"); }
                else if (JsonNames.Is(ref reader, "iscancellable")) { Next(ref reader); task.IsCancellable = _fields.ReadBool(ref reader, "IsCancellable"); }
                else if (JsonNames.Is(ref reader, "completereason")) { Next(ref reader); task.CompleteReason = _fields.ReadString(ref reader, "CompleteReason"); }
                else if (JsonNames.Is(ref reader, "link")) { Next(ref reader); linkIdentifier = ReadLinkIdentifier(ref reader, unique: true, "Link", "Link.identifier"); }
                else if (JsonNames.Is(ref reader, "relatedentities")) { Next(ref reader); ReadRelatedEntities(ref reader, task); }
                else { SkipValue(ref reader); }
            }

            if (task.TaskIdentifier.Length == 0 && linkIdentifier != null)
            {
                task.TaskIdentifier = linkIdentifier;
            }

            return task;
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private void ReadStatus(ref Utf8JsonReader reader, ZvmTask task)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                _fields.Bad(ref reader, "Status", "not an object");
                return;
            }

            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "progress")) { Next(ref reader); task.Progress = _fields.ReadInt(ref reader, "Status.Progress"); }
                else if (JsonNames.Is(ref reader, "state")) { Next(ref reader); task.State = _fields.ReadName(ref reader, TaskTypeCatalog.StateName, "Status.State"); }
                else { SkipValue(ref reader); }
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private void ReadRelatedEntities(ref Utf8JsonReader reader, ZvmTask task)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                _fields.Bad(ref reader, "RelatedEntities", "not an object");
                return;
            }

            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "vpgs")) { Next(ref reader); task.Vpgs = ReadLinkList(ref reader, "RelatedEntities.Vpgs", "RelatedEntities.Vpgs.identifier"); }
                else if (JsonNames.Is(ref reader, "sites")) { Next(ref reader); task.Sites = ReadLinkList(ref reader, "RelatedEntities.Sites", "RelatedEntities.Sites.identifier"); }
                else if (JsonNames.Is(ref reader, "hosts")) { Next(ref reader); task.Hosts = ReadLinkList(ref reader, "RelatedEntities.Hosts", "RelatedEntities.Hosts.identifier"); }
                else if (JsonNames.Is(ref reader, "flrsessions")) { Next(ref reader); task.FlrSessions = ReadLinkList(ref reader, "RelatedEntities.FlrSessions", "RelatedEntities.FlrSessions.identifier"); }
                else { SkipValue(ref reader); }
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private ZvmEntityList ReadLinkList(ref Utf8JsonReader reader, string field, string identifierField)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return ZvmEntityList.Empty;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                _fields.Bad(ref reader, field, "not a list");
                return ZvmEntityList.Empty;
            }

            _identifiers.Clear();
            for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
            {
                string? identifier = ReadLinkIdentifier(ref reader, unique: false, field, identifierField);
                if (!string.IsNullOrEmpty(identifier))
                {
                    _identifiers.Add(identifier!);
                }
            }

            switch (_identifiers.Count)
            {
                case 0: return ZvmEntityList.Empty;
                case 1: return OneEntity(_identifiers[0]);
                default: return new ZvmEntityList(_identifiers.ToArray());
            }
        }

        // Most tasks name one VPG and one site, the same ones again and again: they share one list.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private ZvmEntityList OneEntity(string identifier)
        {
            if (_oneEntityLists.TryGetValue(identifier, out ZvmEntityList? list))
            {
                return list;
            }

            list = new ZvmEntityList(new[] { identifier });
            if (_oneEntityLists.Count < MaxSharedLists)
            {
                _oneEntityLists.Add(identifier, list);
            }

            return list;
        }

        // A task's own link names it (unique); a related entity's recurs across the list. The field
        // names are given whole, as constants: a name built here would cost a string per link.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private string? ReadLinkIdentifier(ref Utf8JsonReader reader, bool unique, string field, string identifierField)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                _fields.Bad(ref reader, field, "not a link object");
                return null;
            }

            string? identifier = null;
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "identifier")) { Next(ref reader); identifier = unique ? _fields.ReadUniqueString(ref reader, null, identifierField) : _fields.ReadString(ref reader, identifierField); }
                else { SkipValue(ref reader); }
            }

            return identifier;
        }
    }
}
