using System.Collections.Generic;
using System.Linq;

namespace HelpBuilder;

/// <summary>
/// Flattens text blocks into MAML paragraphs. Get-Help prints a blank line between two
/// paragraphs and indents every line of a paragraph alike (dropping the first line's
/// leading spaces), so a whole list or table is one paragraph with a line per item or row,
/// and a code block is one paragraph with its lines.
/// </summary>
internal static class MamlParagraphs
{
    public static List<string> From(IEnumerable<TextBlock> blocks)
    {
        var paras = new List<string>();
        foreach (TextBlock block in blocks)
        {
            switch (block)
            {
                case TextParagraph paragraph:
                    paras.Add(paragraph.Text);
                    break;
                case TextHeading heading:
                    paras.Add(heading.Text);
                    break;
                case TextCode code:
                    paras.Add(string.Join("\n", code.Lines));
                    break;
                case TextList list:
                    paras.Add(string.Join("\n", ListLines(list)));
                    break;
                case TextTable table:
                    paras.Add(string.Join("\n", table.Rows.Select(Row)));
                    break;
            }
        }

        return paras;
    }

    private static IEnumerable<string> ListLines(TextList list)
    {
        int number = list.Start;
        foreach (IReadOnlyList<TextBlock> item in list.Items)
        {
            string marker = list.IsOrdered ? $"{number++}. " : "- ";
            string continuation = new(' ', marker.Length);
            bool first = true;
            foreach (string line in From(item).SelectMany(para => para.Split('\n')))
            {
                yield return (first ? marker : continuation) + line;
                first = false;
            }
        }
    }

    /// <summary>"first cell: other cells; ..." - a table row as a line of text.</summary>
    private static string Row(IReadOnlyList<string> row)
    {
        string first = row.Count > 0 ? row[0] : string.Empty;
        string rest = string.Join("; ", row.Skip(1).Where(c => c.Length > 0));
        return rest.Length > 0 ? $"{first}: {rest}" : first;
    }
}
