using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

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
    /// strings that repeat across its tasks are shared.
    /// </summary>
    /// <remarks>
    /// A list is parsed straight off the reader that walks it, in the pieces in which it arrives,
    /// rather than first scanned for the end of each task and then parsed: half the work. When a
    /// piece ends inside a task, <see cref="TryRead"/> says so and the caller tries again with more.
    /// </remarks>
    internal sealed class TaskJsonParser
    {
        private readonly string _server;
        private readonly StringCache _strings = new StringCache();
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
        public string? Problem { get; private set; }

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
            Problem = null;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw WrongKind(ref reader, "a task");
            }

            var task = new ZvmTask { Server = _server };
            string? linkIdentifier = null;
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "taskidentifier")) { Next(ref reader); task.TaskIdentifier = ReadUniqueString(ref reader, linkIdentifier, "TaskIdentifier"); }
                else if (JsonNames.Is(ref reader, "type")) { Next(ref reader); task.Type = ReadName(ref reader, TaskTypeCatalog.TypeName, "Type"); }
                else if (JsonNames.Is(ref reader, "status")) { Next(ref reader); ReadStatus(ref reader, task); }
                else if (JsonNames.Is(ref reader, "started")) { Next(ref reader); task.Started = ReadDate(ref reader, "Started"); }
                else if (JsonNames.Is(ref reader, "completed")) { Next(ref reader); task.Completed = ReadDate(ref reader, "Completed"); }
                else if (JsonNames.Is(ref reader, "initiatedby")) { Next(ref reader); task.InitiatedBy = ReadString(ref reader, "InitiatedBy"); }
                else if (JsonNames.Is(ref reader, "iscancellable")) { Next(ref reader); task.IsCancellable = ReadBool(ref reader, "IsCancellable"); }
                else if (JsonNames.Is(ref reader, "completereason")) { Next(ref reader); task.CompleteReason = ReadString(ref reader, "CompleteReason"); }
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
                Bad(ref reader, "Status", "not an object");
                return;
            }

            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "progress")) { Next(ref reader); task.Progress = ReadInt(ref reader, "Status.Progress"); }
                else if (JsonNames.Is(ref reader, "state")) { Next(ref reader); task.State = ReadName(ref reader, TaskTypeCatalog.StateName, "Status.State"); }
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
                Bad(ref reader, "RelatedEntities", "not an object");
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
                Bad(ref reader, field, "not a list");
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
                Bad(ref reader, field, "not a link object");
                return null;
            }

            string? identifier = null;
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "identifier")) { Next(ref reader); identifier = unique ? ReadUniqueString(ref reader, null, identifierField) : ReadString(ref reader, identifierField); }
                else { SkipValue(ref reader); }
            }

            return identifier;
        }

        /// <summary>Moves to the next property name of the current object; false at its end.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static bool NextProperty(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            return reader.TokenType == JsonTokenType.PropertyName;
        }

        // Every move goes through here or SkipValue: a piece of a list can end anywhere in a task.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static void Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                throw new EndOfData();
            }
        }

        // From a property name, past its value, whatever its kind. Only an object or an array has
        // anything to skip, and TrySkip copies the whole reader each time, so it is kept for those.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static void SkipValue(ref Utf8JsonReader reader)
        {
            Next(ref reader);
            if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip())
            {
                throw new EndOfData();
            }
        }

        // A type or state comes as a name or as its number; a name is kept exactly as sent.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private string ReadName(ref Utf8JsonReader reader, Func<int, string> nameOfNumber, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return _strings.Get(ref reader);
                case JsonTokenType.Number when reader.TryGetInt32(out int number): return nameOfNumber(number);
                case JsonTokenType.Null: return string.Empty;
                case JsonTokenType.Number: return Bad(ref reader, field, $"neither a name nor a whole number from {int.MinValue} to {int.MaxValue}", string.Empty);
                default: return Bad(ref reader, field, "not a name or a number", string.Empty);
            }
        }

        // A string that recurs across the list (a user, a failure reason, a VPG's id), or "" for null.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private string ReadString(ref Utf8JsonReader reader, string field) =>
            reader.TokenType == JsonTokenType.String ? _strings.Get(ref reader) : ReadUniqueString(ref reader, null, field);

        // A task's id: the same text as its link's identifier, when given, is the same string.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private string ReadUniqueString(ref Utf8JsonReader reader, string? sameAs, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return sameAs != null && reader.ValueTextEquals(sameAs) ? sameAs : reader.GetString()!;
                case JsonTokenType.Null: return string.Empty;
                default: return Bad(ref reader, field, "not a string", string.Empty);
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private int ReadInt(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
            {
                return value;
            }

            return reader.TokenType == JsonTokenType.Null ? 0
                : reader.TokenType == JsonTokenType.Number ? Bad(ref reader, field, $"not a whole number from {int.MinValue} to {int.MaxValue}", 0)
                : Bad(ref reader, field, "not a number", 0);
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool ReadBool(ref Utf8JsonReader reader, string field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.True: return true;
                case JsonTokenType.False:
                case JsonTokenType.Null: return false;
                default: return Bad(ref reader, field, "not true or false", false);
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private DateTime? ReadDate(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                // Neither of the two forms ZVMs send costs a string: Microsoft dates, then ISO 8601.
                if (!reader.ValueIsEscaped && (ZvmDate.TryParseMicrosoft(reader.ValueSpan, out DateTime local) || ZvmDate.TryParseIso(reader.ValueSpan, out local)))
                {
                    return local;
                }

                string text = reader.GetString()!;
                if (ZvmDate.TryParse(text, out local))
                {
                    return local;
                }

                return Bad(ref reader, field, ZvmDate.Flaw(text), (DateTime?)null);
            }

            return Bad(ref reader, field, "not a date", (DateTime?)null);
        }

        // Keeps the first flaw of the task and steps over the value, so the task is still read to its end.
        private T Bad<T>(ref Utf8JsonReader reader, string field, string flaw, T instead)
        {
            Problem ??= $"{field} is {Show(ref reader)}, {flaw}";
            if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip())
            {
                throw new EndOfData();
            }

            return instead;
        }

        private void Bad(ref Utf8JsonReader reader, string field, string flaw) => Bad(ref reader, field, flaw, 0);

        // A value as an error shows it: numbers and literals as written, strings quoted and cut short, else its kind.
        private static string Show(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    string text = reader.GetString()!;
                    return "'" + (text.Length > 80 ? text.Substring(0, 77) + "..." : text) + "'";
                case JsonTokenType.Number:
                case JsonTokenType.True:
                case JsonTokenType.False:
                    string raw = System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                    return raw.Length > 80 ? raw.Substring(0, 77) + "..." : raw;
                default:
                    return Describe(reader.TokenType);
            }
        }

        private JsonException WrongKind(ref Utf8JsonReader reader, string expected) =>
            new JsonException($"expected {expected} but found {Describe(reader.TokenType)} at byte {reader.TokenStartIndex - _taskStart} of the task");

        internal static string Describe(JsonTokenType token) => token switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };

        private sealed class EndOfData : Exception
        {
        }
    }
}
