using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ZertoTasks.Names
{
    /// <summary>
    /// Reads the identifier and the name of each entity of a look-up's answer, in either shape:
    /// the Windows ZVM's <c>VpgIdentifier</c>/<c>VpgName</c> or the appliance's
    /// <c>link.identifier</c>/<c>vpgName</c>, in either casing. Every other field is skipped;
    /// a null name is "no name", and an entry without an identifier is left out.
    /// </summary>
    internal static class EntityNameReader
    {
        /// <summary>An array of entities (GET /v1/vpgs, /v1/peersites, /v1/virtualizationsites/{id}/hosts).</summary>
        public static Dictionary<string, string?> ReadList(byte[] body, string identifierProperty, string nameProperty)
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new JsonException($"expected a list but found {document.RootElement.ValueKind}");
            }

            var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonElement entity in document.RootElement.EnumerateArray())
            {
                Add(names, entity, identifierProperty, nameProperty);
            }

            return names;
        }

        /// <summary>One entity (GET /v1/localsite).</summary>
        public static Dictionary<string, string?> ReadOne(byte[] body, string identifierProperty, string nameProperty)
        {
            using JsonDocument document = JsonDocument.Parse(body);
            var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            Add(names, document.RootElement, identifierProperty, nameProperty);
            return names;
        }

        private static void Add(Dictionary<string, string?> names, JsonElement entity, string identifierProperty, string nameProperty)
        {
            if (entity.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException($"expected an object but found {entity.ValueKind}");
            }

            string? identifier = String(Property(entity, identifierProperty)) ?? String(Property(Property(entity, "link"), "identifier"));
            if (!string.IsNullOrEmpty(identifier))
            {
                string? name = String(Property(entity, nameProperty));
                names[identifier!] = string.IsNullOrEmpty(name) ? null : name;
            }
        }

        private static JsonElement? Property(JsonElement? owner, string name)
        {
            if (owner is not JsonElement element || element.ValueKind != JsonValueKind.Object)
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

        private static string? String(JsonElement? value) =>
            value is JsonElement element && element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
