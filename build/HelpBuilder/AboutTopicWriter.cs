using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace HelpBuilder;

/// <summary>
/// Renders an about topic as the plain text Get-Help shows (about_Name.help.txt), in the
/// layout PlatyPS writes: "TOPIC", section titles at the margin, text indented four
/// spaces and wrapped so that no line is wider than 80 columns. Code is indented a
/// further four spaces and never wrapped, so a code line that would not fit is an error.
/// </summary>
internal static class AboutTopicWriter
{
    public const int MaxWidth = 80;
    private const int TextIndent = 4;
    private const int CodeIndent = 4;
    private const int ColumnGap = 2;

    public static string Render(AboutTopic topic)
    {
        var lines = new List<string> { "TOPIC", Indent(TextIndent) + topic.Name, string.Empty };
        foreach (AboutSection section in topic.Sections)
        {
            lines.Add(section.Title);
            foreach (string line in RenderBlocks(topic, section.Blocks, TextIndent))
            {
                if (line.Length > MaxWidth)
                {
                    // Only a word longer than a whole line (a long URL) gets here: wrapping cannot help.
                    throw new HelpDocumentException(
                        topic.SourcePath,
                        0,
                        $"section '{section.Title}': the text line '{line.Trim()}' would be {line.Length} columns wide (at most {MaxWidth}); shorten the word or the URL.");
                }

                lines.Add(line);
            }

            lines.Add(string.Empty);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var text = new StringBuilder();
        foreach (string line in lines)
        {
            text.Append(line.TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Blocks separated by blank lines, except that a heading sits right above what follows it.</summary>
    private static List<string> RenderBlocks(AboutTopic topic, IReadOnlyList<TextBlock> blocks, int indent)
    {
        var lines = new List<string>();
        for (int i = 0; i < blocks.Count; i++)
        {
            if (i > 0 && blocks[i - 1] is not TextHeading)
            {
                lines.Add(string.Empty);
            }

            lines.AddRange(RenderBlock(topic, blocks[i], indent));
        }

        return lines;
    }

    private static IEnumerable<string> RenderBlock(AboutTopic topic, TextBlock block, int indent) =>
        block switch
        {
            TextParagraph paragraph => Paragraph(paragraph.Text, indent),
            TextHeading heading => new[] { Indent(heading.Level <= 3 ? Math.Max(indent - 2, 0) : indent) + heading.Text },
            TextCode code => Code(topic, code, indent + CodeIndent),
            TextList list => List(topic, list, indent),
            TextTable table => Table(table, indent),
            _ => throw new NotSupportedException(block.GetType().Name),
        };

    private static IEnumerable<string> Paragraph(string text, int indent) =>
        TextWrapper.Wrap(text, MaxWidth - indent).Select(line => Indent(indent) + line);

    private static IEnumerable<string> Code(AboutTopic topic, TextCode code, int indent)
    {
        for (int i = 0; i < code.Lines.Count; i++)
        {
            string line = code.Lines[i];
            string indented = line.Length == 0 ? string.Empty : Indent(indent) + line;
            if (indented.Length > MaxWidth)
            {
                // A fenced block's first line is its fence, so code line i is source line Line + 1 + i.
                throw new HelpDocumentException(
                    topic.SourcePath,
                    code.Line + 1 + i,
                    $"this code line would be {indented.Length} columns wide in the help text ({indent} columns of indentation; at most {MaxWidth}): '{line.Trim()}'. Break it, for example after a pipe or with a backtick.");
            }

            yield return indented;
        }
    }

    private static IEnumerable<string> List(AboutTopic topic, TextList list, int indent)
    {
        int number = list.Start;
        foreach (IReadOnlyList<TextBlock> item in list.Items)
        {
            string marker = list.IsOrdered ? $"{number++}. " : "- ";
            List<string> itemLines = RenderBlocks(topic, item, indent + marker.Length);
            if (itemLines.Count == 0)
            {
                continue;
            }

            yield return Indent(indent) + marker + itemLines[0][(indent + marker.Length)..];
            foreach (string line in itemLines.Skip(1))
            {
                yield return line;
            }
        }
    }

    /// <summary>Aligned columns when they fit; otherwise one block per row, its first cell as a heading.</summary>
    private static IEnumerable<string> Table(TextTable table, int indent)
    {
        int columns = Math.Max(table.Header.Count, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Count));
        var widths = Enumerable.Range(0, columns)
            .Select(c => table.Rows.Append(table.Header).Max(r => c < r.Count ? r[c].Length : 0))
            .ToList();
        if (indent + widths.Sum() + (ColumnGap * (columns - 1)) <= MaxWidth)
        {
            var lines = new List<string>();
            if (table.Header.Count > 0)
            {
                lines.Add(Row(table.Header, widths, indent));
                lines.Add(Row(widths.Select(w => new string('-', w)).ToList(), widths, indent));
            }

            lines.AddRange(table.Rows.Select(row => Row(row, widths, indent)));
            return lines;
        }

        var blocks = new List<string>();
        foreach (IReadOnlyList<string> row in table.Rows)
        {
            if (blocks.Count > 0)
            {
                blocks.Add(string.Empty);
            }

            blocks.Add(Indent(indent) + (row.Count > 0 ? row[0] : string.Empty));
            for (int c = 1; c < row.Count; c++)
            {
                string label = columns > 2 && c < table.Header.Count ? table.Header[c] + ": " : string.Empty;
                blocks.AddRange(Paragraph(label + row[c], indent + TextIndent));
            }
        }

        return blocks;
    }

    private static string Row(IReadOnlyList<string> cells, IReadOnlyList<int> widths, int indent) =>
        Indent(indent) + string.Join(new string(' ', ColumnGap), widths.Select((w, c) => (c < cells.Count ? cells[c] : string.Empty).PadRight(w)));

    private static string Indent(int width) => new(' ', width);
}
