using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace HelpBuilder;

/// <summary>
/// Reads the ```yaml block of a parameter as PlatyPS writes it: one "Key: value" per line,
/// lists comma-separated. Only these flat keys exist, so no YAML library is needed.
/// </summary>
internal static partial class ParameterMetadataParser
{
    private const string TypeKey = "Type";
    private const string SetsKey = "Parameter Sets";
    private const string AliasesKey = "Aliases";
    private const string AcceptedValuesKey = "Accepted values";
    private const string ApplicableKey = "Applicable";
    private const string RequiredKey = "Required";
    private const string PositionKey = "Position";
    private const string DefaultValueKey = "Default value";
    private const string PipelineKey = "Accept pipeline input";
    private const string WildcardKey = "Accept wildcard characters";

    private static readonly string[] KnownKeys =
    {
        TypeKey, SetsKey, AliasesKey, AcceptedValuesKey, ApplicableKey, RequiredKey, PositionKey, DefaultValueKey, PipelineKey, WildcardKey,
    };

    private static readonly string[] RequiredKeys = { TypeKey, SetsKey, RequiredKey, PositionKey, PipelineKey, WildcardKey };

    public static ParameterMetadata Parse(string path, string parameterName, int firstLine, IReadOnlyList<string> lines)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i];
            int lineNumber = firstLine + 1 + i;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string key = colon > 0 ? line[..colon].Trim() : string.Empty;
            string? known = KnownKeys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                throw Error(path, lineNumber, parameterName, $"'{line.Trim()}' is not one of the keys {string.Join(", ", KnownKeys)}.");
            }

            if (!values.TryAdd(known, (line[(colon + 1)..].Trim(), lineNumber)))
            {
                throw Error(path, lineNumber, parameterName, $"'{known}' appears twice.");
            }
        }

        foreach (string key in RequiredKeys)
        {
            if (!values.TryGetValue(key, out var entry) || entry.Value.Length == 0)
            {
                throw Error(path, firstLine, parameterName, $"the yaml block has no '{key}:' value.");
            }
        }

        string sets = values[SetsKey].Value;
        return new ParameterMetadata(
            Type: values[TypeKey].Value,
            ParameterSets: sets.Equals("(All)", StringComparison.OrdinalIgnoreCase) ? Array.Empty<string>() : List(sets),
            Aliases: values.TryGetValue(AliasesKey, out var aliases) ? List(aliases.Value) : Array.Empty<string>(),
            AcceptedValues: values.TryGetValue(AcceptedValuesKey, out var accepted) ? List(accepted.Value) : Array.Empty<string>(),
            Required: Boolean(path, parameterName, RequiredKey, values[RequiredKey]),
            Position: Position(path, parameterName, values[PositionKey]),
            DefaultValue: values.TryGetValue(DefaultValueKey, out var defaultValue) && defaultValue.Value.Length > 0 ? defaultValue.Value : "None",
            PipelineInput: PipelineInput(path, parameterName, values[PipelineKey]),
            AcceptsWildcards: Boolean(path, parameterName, WildcardKey, values[WildcardKey]),
            Line: firstLine);
    }

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool Boolean(string path, string parameterName, string key, (string Value, int Line) entry) =>
        entry.Value.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw Error(path, entry.Line, parameterName, $"'{key}: {entry.Value}' must be True or False."),
        };

    /// <summary>"Named", or a 0-based position as Get-Help shows it.</summary>
    private static string Position(string path, string parameterName, (string Value, int Line) entry)
    {
        if (entry.Value.Equals("Named", StringComparison.OrdinalIgnoreCase))
        {
            return "named";
        }

        if (int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int position))
        {
            return position.ToString(CultureInfo.InvariantCulture);
        }

        throw Error(path, entry.Line, parameterName, $"'Position: {entry.Value}' must be Named or a number (0 for the first position).");
    }

    /// <summary>"False", or "True (ByValue)", "True (ByPropertyName)", "True (ByPropertyName, ByValue)".</summary>
    private static string PipelineInput(string path, string parameterName, (string Value, int Line) entry)
    {
        if (!PipelinePattern().IsMatch(entry.Value))
        {
            throw Error(path, entry.Line, parameterName, $"'Accept pipeline input: {entry.Value}' must be False or True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).");
        }

        return entry.Value.StartsWith("f", StringComparison.OrdinalIgnoreCase) ? "False" : "True" + entry.Value[4..];
    }

    private static HelpDocumentException Error(string path, int line, string parameterName, string message) =>
        new(path, line, $"parameter -{parameterName}: {message}");

    [GeneratedRegex(@"^(?i:false|true \((ByValue|ByPropertyName|FromRemainingArguments)(, (ByValue|ByPropertyName|FromRemainingArguments))*\))$")]
    private static partial Regex PipelinePattern();
}
