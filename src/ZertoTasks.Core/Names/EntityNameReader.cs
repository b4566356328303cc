using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ZertoTasks.Json;

namespace ZertoTasks.Names
{
    /// <summary>
    /// Reads the identifier and the name of each entity of a look-up's answer, in either shape:
    /// the Windows ZVM's <c>VpgIdentifier</c>/<c>VpgName</c> or the appliance's
    /// <c>link.identifier</c>/<c>vpgName</c>, in either casing. Every other field is skipped;
    /// a null name is "no name", and an entry without an identifier is left out.
    /// </summary>
    /// <remarks>
    /// A forward-only read, no document: /v1/vpgs of a large site is megabytes of RPO, storage
    /// and status figures around the two fields wanted, and the first task waits for it.
    /// </remarks>
    internal static class EntityNameReader
    {
        private const string Link = "link";
        private const string LinkIdentifier = "identifier";

        /// <summary>An array of entities (GET /v1/vpgs, /v1/peersites, /v1/virtualizationsites/{id}/hosts).</summary>
        /// <param name="identifierProperty">the Windows shape's id field; its casing does not matter</param>
        /// <param name="nameProperty">the name field; its casing does not matter</param>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static Dictionary<string, string?> ReadList(byte[] body, string identifierProperty, string nameProperty)
        {
            var reader = new Utf8JsonReader(body);
            var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Next(ref reader);
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"expected a list but found {reader.TokenType}");
            }

            for (Next(ref reader); reader.TokenType != JsonTokenType.EndArray; Next(ref reader))
            {
                ReadEntity(ref reader, names, identifierProperty, nameProperty);
            }

            End(ref reader);
            return names;
        }

        /// <summary>One entity (GET /v1/localsite).</summary>
        public static Dictionary<string, string?> ReadOne(byte[] body, string identifierProperty, string nameProperty)
        {
            var reader = new Utf8JsonReader(body);
            var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Next(ref reader);
            ReadEntity(ref reader, names, identifierProperty, nameProperty);
            End(ref reader);
            return names;
        }

        /// <summary>One entity: the reader stands on its StartObject, and ends on its EndObject.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        /// <param name="extraProperty">a further string field to keep (a VPG's LastTest), into <paramref name="names"/>' <see cref="EntityNames.Extra"/></param>
        internal static void ReadEntity(ref Utf8JsonReader reader, Dictionary<string, string?> names, string identifierProperty, string nameProperty, string? extraProperty = null)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException($"expected an object but found {reader.TokenType}");
            }

            string? identifier = null;
            string? linkIdentifier = null;
            string? name = null;
            string? extra = null;
            for (Next(ref reader); reader.TokenType != JsonTokenType.EndObject; Next(ref reader))
            {
                if (Is(ref reader, identifierProperty)) { Next(ref reader); identifier = String(ref reader); }
                else if (extraProperty != null && Is(ref reader, extraProperty)) { Next(ref reader); extra = String(ref reader); }
                else if (Is(ref reader, nameProperty)) { Next(ref reader); name = String(ref reader); }
                else if (Is(ref reader, Link)) { Next(ref reader); linkIdentifier = ReadLinkIdentifier(ref reader); }
                else { Next(ref reader); reader.Skip(); }
            }

            identifier ??= linkIdentifier;
            if (!string.IsNullOrEmpty(identifier))
            {
                names[identifier!] = string.IsNullOrEmpty(name) ? null : name;
                if (!string.IsNullOrEmpty(extra) && names is EntityNames withExtra)
                {
                    withExtra.Extra[identifier!] = extra!;
                }
            }
        }

        [MethodImpl(HotPath.AggressiveOptimization)]
        private static string? ReadLinkIdentifier(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            string? identifier = null;
            for (Next(ref reader); reader.TokenType != JsonTokenType.EndObject; Next(ref reader))
            {
                if (Is(ref reader, LinkIdentifier)) { Next(ref reader); identifier = String(ref reader); }
                else { Next(ref reader); reader.Skip(); }
            }

            return identifier;
        }

        private static string? String(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
            return null;
        }

        /// <summary>Whether the property name the reader stands on is <paramref name="name"/>, ignoring case. Names here are ASCII letters.</summary>
        [MethodImpl(HotPath.AggressiveOptimization)]
        private static bool Is(ref Utf8JsonReader reader, string name)
        {
            if (reader.ValueIsEscaped)
            {
                return string.Equals(reader.GetString(), name, StringComparison.OrdinalIgnoreCase);
            }

            ReadOnlySpan<byte> span = reader.ValueSpan;
            if (span.Length != name.Length)
            {
                return false;
            }

            for (int i = 0; i < span.Length; i++)
            {
                if ((span[i] | 0x20) != (name[i] | 0x20))
                {
                    return false;
                }
            }

            return true;
        }

        private static void Next(ref Utf8JsonReader reader)
        {
            if (!reader.Read())
            {
                throw new JsonException("the answer ended early");
            }
        }

        private static void End(ref Utf8JsonReader reader)
        {
            if (reader.Read())
            {
                throw new JsonException($"expected the end of the answer but found {reader.TokenType}");
            }
        }
    }
}
