using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpBuilder;

/// <summary>
/// Reads markdown with Markdig and reduces it to plain text: inline formatting (backticks,
/// emphasis, link syntax) is dropped and the words kept, blocks become <see cref="TextBlock"/>s.
/// </summary>
internal static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .Build();

    /// <summary>Parses a page; the front matter is skipped but counted, so line numbers stay true.</summary>
    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    /// <summary>The top-level blocks of a document, less the front matter.</summary>
    public static List<Block> BodyBlocks(MarkdownDocument document) =>
        document.Where(b => b is not YamlFrontMatterBlock && b is not LinkReferenceDefinitionGroup).ToList();

    /// <summary>1-based line of a block, for messages.</summary>
    public static int LineOf(Block block) => block.Line + 1;

    /// <summary>The plain text of a heading.</summary>
    public static string HeadingText(HeadingBlock heading) => Inline(heading.Inline).Trim();

    /// <summary>A fenced block's info string (its language), lower case; empty for an indented code block.</summary>
    public static string CodeLanguage(CodeBlock code) =>
        code is FencedCodeBlock fenced ? (fenced.Info ?? string.Empty).Trim().ToLowerInvariant() : string.Empty;

    /// <summary>The lines of a code block, without trailing blank lines.</summary>
    public static List<string> CodeLines(CodeBlock code)
    {
        var lines = new List<string>();
        foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
        {
            lines.Add(line.Slice.ToString().TrimEnd());
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>Converts blocks to plain-text blocks. Headings (level 3 and deeper) are kept as <see cref="TextHeading"/>.</summary>
    public static List<TextBlock> Blocks(IEnumerable<Block> blocks)
    {
        var result = new List<TextBlock>();
        foreach (Block block in blocks)
        {
            switch (block)
            {
                case YamlFrontMatterBlock:
                    break;
                case HeadingBlock heading:
                    result.Add(new TextHeading(heading.Level, HeadingText(heading)));
                    break;
                case ParagraphBlock paragraph:
                    string text = Inline(paragraph.Inline).Trim();
                    if (text.Length > 0)
                    {
                        result.Add(new TextParagraph(text));
                    }

                    break;
                case CodeBlock code:
                    result.Add(new TextCode(CodeLanguage(code), CodeLines(code), LineOf(code)));
                    break;
                case ListBlock list:
                    var items = list.OfType<ListItemBlock>().Select(item => (IReadOnlyList<TextBlock>)Blocks(item)).ToList();
                    int start = int.TryParse(list.OrderedStart, out int n) ? n : 1;
                    result.Add(new TextList(list.IsOrdered, start, items));
                    break;
                case Table table:
                    result.Add(TableOf(table));
                    break;
                case QuoteBlock quote:
                    result.AddRange(Blocks(quote));
                    break;
                case HtmlBlock html:
                    result.Add(new TextParagraph(string.Join("\n", CodeLinesOfLeaf(html))));
                    break;
                case ThematicBreakBlock:
                case BlankLineBlock:
                case LinkReferenceDefinitionGroup:
                    break;
                case ContainerBlock container:
                    result.AddRange(Blocks(container));
                    break;
                default:
                    throw new NotSupportedException($"line {LineOf(block)}: markdown block {block.GetType().Name} is not supported in help pages.");
            }
        }

        return result;
    }

    /// <summary>
    /// The words of inline markdown without its markup. A link keeps its text; an absolute
    /// URL that differs from the text follows it in parentheses, since plain text cannot link.
    /// </summary>
    public static string Inline(ContainerInline? container)
    {
        var text = new StringBuilder();
        AppendInline(container, text);
        return text.ToString();
    }

    /// <summary>The links of a paragraph, as (text, url) pairs.</summary>
    public static IEnumerable<(string Text, string Url)> Links(ContainerInline? container)
    {
        if (container is null)
        {
            yield break;
        }

        foreach (LinkInline link in container.Descendants<LinkInline>())
        {
            if (!link.IsImage)
            {
                yield return (Inline(link).Trim(), link.Url ?? string.Empty);
            }
        }
    }

    public static bool IsAbsoluteWebUrl(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static void AppendInline(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? '\n' : ' ');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                text.Append(html.Tag);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LinkInline link:
                int start = text.Length;
                AppendChildren(link, text);
                string url = link.Url ?? string.Empty;
                if (IsAbsoluteWebUrl(url) && !string.Equals(text.ToString(start, text.Length - start), url, StringComparison.Ordinal))
                {
                    text.Append(" (").Append(url).Append(')');
                }

                break;
            case DelimiterInline delimiter:
                // An unmatched '*' or '[' that Markdig left as a delimiter: keep the character.
                text.Append(delimiter.ToLiteral());
                AppendChildren(delimiter, text);
                break;
            case ContainerInline container:
                AppendChildren(container, text);
                break;
            default:
                text.Append(inline.ToString());
                break;
        }
    }

    private static void AppendChildren(ContainerInline container, StringBuilder text)
    {
        for (Inline? child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            AppendInline(child, text);
        }
    }

    private static TextTable TableOf(Table table)
    {
        var rows = new List<IReadOnlyList<string>>();
        IReadOnlyList<string> header = Array.Empty<string>();
        foreach (TableRow row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>()
                .Select(cell => string.Join(" ", Blocks(cell).OfType<TextParagraph>().Select(p => p.Text)))
                .ToList();
            if (row.IsHeader && header.Count == 0)
            {
                header = cells;
            }
            else
            {
                rows.Add(cells);
            }
        }

        return new TextTable(header, rows);
    }

    private static IEnumerable<string> CodeLinesOfLeaf(LeafBlock leaf) =>
        leaf.Lines.Lines.Take(leaf.Lines.Count).Select(l => l.Slice.ToString());
}
