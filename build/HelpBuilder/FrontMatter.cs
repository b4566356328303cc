using System;
using System.Collections.Generic;

namespace HelpBuilder;

/// <summary>
/// The "key: value" lines between the two "---" lines that open a PlatyPS page. Keys are
/// compared without regard to case; a key with nothing after the colon has an empty value.
/// </summary>
internal sealed class FrontMatter
{
    private readonly Dictionary<string, string> _values;

    private FrontMatter(Dictionary<string, string> values) => _values = values;

    public bool Has(string key) => _values.ContainsKey(key);

    public string Get(string key) => _values.TryGetValue(key, out string? value) ? value : string.Empty;

    /// <summary>The value of a key that must be present and non-empty.</summary>
    public string Require(string path, string key)
    {
        string value = Get(key);
        if (value.Length == 0)
        {
            throw new HelpDocumentException(path, 1, $"the front matter has no '{key}:' value.");
        }

        return value;
    }

    /// <summary>Reads the front matter of a page; null when the page does not start with "---".</summary>
    public static FrontMatter? Read(string path, string markdown)
    {
        string[] lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Trim() == "---")
            {
                return new FrontMatter(values);
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HelpDocumentException(path, i + 1, $"front matter line '{line}' is not 'key: value'.");
            }

            string key = line[..colon].Trim();
            if (!values.TryAdd(key, line[(colon + 1)..].Trim()))
            {
                throw new HelpDocumentException(path, i + 1, $"front matter key '{key}' appears twice.");
            }
        }

        throw new HelpDocumentException(path, 1, "the front matter that starts on line 1 has no closing '---' line.");
    }
}
