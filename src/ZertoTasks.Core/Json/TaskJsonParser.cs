using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Turns one task object, in either the Windows ZVM shape (PascalCase, /Date()/) or the
    /// appliance shape (camelCase, ISO dates, id only in link.identifier), into a ZvmTask.
    /// Unknown fields are skipped; a known field of the wrong JSON kind is a format error.
    /// One parser reads a whole task list, so the strings that repeat across its tasks are shared.
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
            if (!new TaskJsonParser(server).TryRead(ref reader, out ZvmTask task))
            {
                throw new JsonException("the task ended early");
            }

            reader.Read(); // throws on anything but white space after the task
            return task;
        }

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
            Expect(ref reader, JsonTokenType.StartObject, "a task");
            var task = new ZvmTask { Server = _server };
            string? linkIdentifier = null;
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "taskidentifier")) { Next(ref reader); task.TaskIdentifier = ReadUniqueString(ref reader, linkIdentifier); }
                else if (JsonNames.Is(ref reader, "type")) { Next(ref reader); task.Type = ReadName(ref reader, TaskTypeCatalog.TypeName); }
                else if (JsonNames.Is(ref reader, "status")) { Next(ref reader); ReadStatus(ref reader, task); }
                else if (JsonNames.Is(ref reader, "started")) { Next(ref reader); task.Started = ReadDate(ref reader); }
                else if (JsonNames.Is(ref reader, "completed")) { Next(ref reader); task.Completed = ReadDate(ref reader); }
                else if (JsonNames.Is(ref reader, "initiatedby")) { Next(ref reader); task.InitiatedBy = ReadString(ref reader); }
                else if (JsonNames.Is(ref reader, "iscancellable")) { Next(ref reader); task.IsCancellable = ReadBool(ref reader); }
                else if (JsonNames.Is(ref reader, "completereason")) { Next(ref reader); task.CompleteReason = ReadString(ref reader); }
                else if (JsonNames.Is(ref reader, "link")) { Next(ref reader); linkIdentifier = ReadLinkIdentifier(ref reader, unique: true); }
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

            Expect(ref reader, JsonTokenType.StartObject, "Status");
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "progress")) { Next(ref reader); task.Progress = ReadInt(ref reader, "Status.Progress"); }
                else if (JsonNames.Is(ref reader, "state")) { Next(ref reader); task.State = ReadName(ref reader, TaskTypeCatalog.StateName); }
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

            Expect(ref reader, JsonTokenType.StartObject, "RelatedEntities");
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "vpgs")) { Next(ref reader); task.Vpgs = ReadLinkList(ref reader); }
                else if (JsonNames.Is(ref reader, "sites")) { Next(ref reader); task.Sites = ReadLinkList(ref reader); }
                else if (JsonNames.Is(ref reader, "hosts")) { Next(ref reader); task.Hosts = ReadLinkList(ref reader); }
                else if (JsonNames.Is(ref reader, "flrsessions")) { Next(ref reader); task.FlrSessions = ReadLinkList(ref reader); }
                else { SkipValue(ref reader); }
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private ZvmEntityList ReadLinkList(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return ZvmEntityList.Empty;
            }

            Expect(ref reader, JsonTokenType.StartArray, "a list of related entities");
            _identifiers.Clear();
            for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
            {
                string? identifier = ReadLinkIdentifier(ref reader, unique: false);
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

        // A task's own link names it (unique); a related entity's recurs across the list.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private string? ReadLinkIdentifier(ref Utf8JsonReader reader, bool unique)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            Expect(ref reader, JsonTokenType.StartObject, "a link");
            string? identifier = null;
            while (NextProperty(ref reader))
            {
                if (JsonNames.Is(ref reader, "identifier")) { Next(ref reader); identifier = unique ? ReadUniqueString(ref reader, null) : ReadString(ref reader); }
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
        private string ReadName(ref Utf8JsonReader reader, Func<int, string> nameOfNumber)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return _strings.Get(ref reader);
                case JsonTokenType.Number when reader.TryGetInt32(out int number): return nameOfNumber(number);
                case JsonTokenType.Null: return string.Empty;
                default: throw WrongKind(ref reader, "a name or number");
            }
        }

        // A string that recurs across the list (a user, a failure reason, a VPG's id), or "" for null.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private string ReadString(ref Utf8JsonReader reader) =>
            reader.TokenType == JsonTokenType.String ? _strings.Get(ref reader) : ReadUniqueString(ref reader, null);

        // A task's id: the same text as its link's identifier, when given, is the same string.
        [MethodImpl(HotPath.AggressiveOptimization)]
        private string ReadUniqueString(ref Utf8JsonReader reader, string? sameAs)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return sameAs != null && reader.ValueTextEquals(sameAs) ? sameAs : reader.GetString()!;
                case JsonTokenType.Null: return string.Empty;
                default: throw WrongKind(ref reader, "a string");
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private int ReadInt(ref Utf8JsonReader reader, string what)
        {
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value))
            {
                return value;
            }

            return reader.TokenType == JsonTokenType.Null ? 0 : throw WrongKind(ref reader, what + " as a whole number");
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private bool ReadBool(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.True: return true;
                case JsonTokenType.False:
                case JsonTokenType.Null: return false;
                default: throw WrongKind(ref reader, "true or false");
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private DateTime? ReadDate(ref Utf8JsonReader reader)
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

                if (ZvmDate.TryParse(reader.GetString()!, out local))
                {
                    return local;
                }
            }

            throw WrongKind(ref reader, "a date");
        }

        private void Expect(ref Utf8JsonReader reader, JsonTokenType expected, string what)
        {
            if (reader.TokenType != expected)
            {
                throw WrongKind(ref reader, what);
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
