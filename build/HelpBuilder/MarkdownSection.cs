using System.Collections.Generic;
using Markdig.Syntax;

namespace HelpBuilder;

/// <summary>A heading of a given level and the blocks under it, up to the next heading of that level.</summary>
internal sealed record MarkdownSection(HeadingBlock Heading, string Title, List<Block> Body)
{
    public int Line => MarkdownText.LineOf(Heading);

    /// <summary>Splits blocks at headings of <paramref name="level"/>; blocks before the first such heading go to <paramref name="preamble"/>.</summary>
    public static List<MarkdownSection> Split(IEnumerable<Block> blocks, int level, out List<Block> preamble)
    {
        var sections = new List<MarkdownSection>();
        preamble = new List<Block>();
        foreach (Block block in blocks)
        {
            if (block is HeadingBlock heading && heading.Level == level)
            {
                sections.Add(new MarkdownSection(heading, MarkdownText.HeadingText(heading), new List<Block>()));
                continue;
            }

            if (sections.Count == 0)
            {
                preamble.Add(block);
            }
            else
            {
                sections[^1].Body.Add(block);
            }
        }

        return sections;
    }
}
