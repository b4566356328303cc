using System;
using System.Collections.Generic;
using System.Linq;
using Markdig.Syntax;

namespace HelpBuilder;

/// <summary>
/// The module page (PlatyPS's module-page schema: "Module Guid" in the front matter, a
/// "## &lt;Module&gt; Cmdlets" list with each cmdlet's synopsis). It ships in no help file,
/// but it copies every synopsis, so the build checks that the copy has not drifted.
/// </summary>
internal sealed record ModulePage(string ModuleName, string SourcePath, IReadOnlyList<ModulePageEntry> Cmdlets)
{
    public static ModulePage Parse(string path, string markdown, FrontMatter frontMatter)
    {
        string moduleName = frontMatter.Require(path, "Module Name");
        string guid = frontMatter.Require(path, "Module Guid");
        if (!Guid.TryParse(guid, out _))
        {
            throw new HelpDocumentException(path, 1, $"'Module Guid: {guid}' is not a GUID.");
        }

        frontMatter.Require(path, "Help Version");
        frontMatter.Require(path, "Locale");

        List<Block> body = MarkdownText.BodyBlocks(MarkdownText.Parse(markdown));
        List<MarkdownSection> titles = MarkdownSection.Split(body, 1, out _);
        if (titles.Count != 1 || titles[0].Title != moduleName + " Module")
        {
            throw new HelpDocumentException(path, titles.Count > 0 ? titles[0].Line : 1, $"the module page has one heading '# {moduleName} Module'.");
        }

        List<MarkdownSection> sections = MarkdownSection.Split(titles[0].Body, 2, out _);
        if (!sections.Any(s => s.Title == "Description"))
        {
            throw new HelpDocumentException(path, titles[0].Line, "the module page has no '## Description' section.");
        }

        MarkdownSection? list = sections.FirstOrDefault(s => s.Title == moduleName + " Cmdlets");
        if (list is null)
        {
            throw new HelpDocumentException(path, titles[0].Line, $"the module page has no '## {moduleName} Cmdlets' section.");
        }

        var entries = MarkdownSection.Split(list.Body, 3, out _)
            .Select(entry => new ModulePageEntry(
                entry.Title,
                string.Join(" ", MarkdownText.Blocks(entry.Body).OfType<TextParagraph>().Select(p => p.Text)),
                entry.Line))
            .ToList();
        return new ModulePage(moduleName, path, entries);
    }

    /// <summary>Each cmdlet page is listed once, with the synopsis its page has, and nothing else is listed.</summary>
    public void CheckAgainst(IReadOnlyCollection<CmdletPage> pages)
    {
        foreach (CmdletPage page in pages)
        {
            if (!string.Equals(page.ModuleName, ModuleName, StringComparison.Ordinal))
            {
                throw new HelpDocumentException(page.SourcePath, 1, $"'Module Name: {page.ModuleName}' differs from the module page's '{ModuleName}'.");
            }

            ModulePageEntry? entry = Cmdlets.FirstOrDefault(c => c.Name == page.Name);
            if (entry is null)
            {
                throw new HelpDocumentException(SourcePath, 0, $"the module page does not list {page.Name}; add '### [{page.Name}]({page.Name}.md)' and its synopsis.");
            }

            string synopsis = string.Join(" ", page.Synopsis.OfType<TextParagraph>().Select(p => p.Text));
            if (!string.Equals(entry.Synopsis, synopsis, StringComparison.Ordinal))
            {
                throw new HelpDocumentException(SourcePath, entry.Line, $"the synopsis of {page.Name} here differs from its page's SYNOPSIS: '{synopsis}'.");
            }
        }

        foreach (ModulePageEntry entry in Cmdlets)
        {
            if (!pages.Any(p => p.Name == entry.Name))
            {
                throw new HelpDocumentException(SourcePath, entry.Line, $"the module page lists {entry.Name}, which has no page {entry.Name}.md.");
            }
        }
    }
}

/// <summary>One "### [Name](Name.md)" entry and the synopsis under it.</summary>
internal sealed record ModulePageEntry(string Name, string Synopsis, int Line);
