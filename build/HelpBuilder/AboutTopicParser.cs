using System;
using System.Collections.Generic;
using System.Linq;
using Markdig.Syntax;

namespace HelpBuilder;

/// <summary>
/// Reads an about topic in PlatyPS's about schema: "# about_Name" (matching the file name),
/// then "## SHORT DESCRIPTION", "## LONG DESCRIPTION" and further "## UPPER CASE" sections.
/// </summary>
internal static class AboutTopicParser
{
    private const string ShortDescription = "SHORT DESCRIPTION";
    private const string LongDescription = "LONG DESCRIPTION";

    public static AboutTopic Parse(string path, string markdown)
    {
        string expectedName = System.IO.Path.GetFileNameWithoutExtension(path);
        List<Block> body = MarkdownText.BodyBlocks(MarkdownText.Parse(markdown));
        List<MarkdownSection> titles = MarkdownSection.Split(body, 1, out List<Block> beforeTitle);
        if (titles.Count != 1 || beforeTitle.Count > 0)
        {
            throw new HelpDocumentException(path, titles.Count > 1 ? titles[1].Line : 1, $"an about topic has exactly one '# {expectedName}' heading, before any other text.");
        }

        if (!string.Equals(titles[0].Title, expectedName, StringComparison.Ordinal))
        {
            throw new HelpDocumentException(path, titles[0].Line, $"the topic is titled '{titles[0].Title}' but the file is named '{expectedName}.md'.");
        }

        List<MarkdownSection> sections = MarkdownSection.Split(titles[0].Body, 2, out List<Block> preamble);
        if (preamble.Count > 0)
        {
            throw new HelpDocumentException(path, MarkdownText.LineOf(preamble[0]), "text between the title and '## SHORT DESCRIPTION' belongs in a section.");
        }

        if (sections.Count < 2 || sections[0].Title != ShortDescription || sections[1].Title != LongDescription)
        {
            throw new HelpDocumentException(path, titles[0].Line, $"an about topic starts with '## {ShortDescription}' and then '## {LongDescription}'.");
        }

        var result = new List<AboutSection>();
        foreach (MarkdownSection section in sections)
        {
            if (!string.Equals(section.Title, section.Title.ToUpperInvariant(), StringComparison.Ordinal))
            {
                throw new HelpDocumentException(path, section.Line, $"'## {section.Title}': section titles of an about topic are upper case.");
            }

            if (result.Any(s => s.Title == section.Title))
            {
                throw new HelpDocumentException(path, section.Line, $"'## {section.Title}' appears twice.");
            }

            List<TextBlock> blocks = MarkdownText.Blocks(section.Body);
            if (blocks.Count == 0)
            {
                throw new HelpDocumentException(path, section.Line, $"'## {section.Title}' is empty.");
            }

            result.Add(new AboutSection(section.Title, blocks));
        }

        return new AboutTopic(expectedName, path, result);
    }
}
