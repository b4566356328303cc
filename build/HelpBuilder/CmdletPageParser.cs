using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace HelpBuilder;

/// <summary>
/// Reads a cmdlet page written to PlatyPS's schema 2.0.0 (what New-MarkdownHelp writes)
/// and checks it, so that a page that would give broken or empty Get-Help output fails
/// the build instead.
/// </summary>
internal static partial class CmdletPageParser
{
    private const string Synopsis = "SYNOPSIS";
    private const string Syntax = "SYNTAX";
    private const string Description = "DESCRIPTION";
    private const string Examples = "EXAMPLES";
    private const string Parameters = "PARAMETERS";
    private const string Inputs = "INPUTS";
    private const string Outputs = "OUTPUTS";
    private const string Notes = "NOTES";
    private const string RelatedLinks = "RELATED LINKS";

    private static readonly string[] KnownSections = { Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs, Notes, RelatedLinks };
    private static readonly string[] RequiredSections = { Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs };

    /// <summary>Parameters that no page may document: -ProgressAction exists only in PowerShell 7.4 and later.</summary>
    private static readonly string[] ForbiddenParameters = { "ProgressAction" };

    public static CmdletPage Parse(string path, string markdown, FrontMatter frontMatter)
    {
        if (frontMatter.Get("schema") != "2.0.0")
        {
            throw new HelpDocumentException(path, 1, "the front matter must say 'schema: 2.0.0' (PlatyPS's cmdlet page schema).");
        }

        string externalHelpFile = frontMatter.Require(path, "external help file");
        string moduleName = frontMatter.Require(path, "Module Name");
        MarkdownDocument document = MarkdownText.Parse(markdown);
        List<Block> body = MarkdownText.BodyBlocks(document);

        List<MarkdownSection> titles = MarkdownSection.Split(body, 1, out List<Block> beforeTitle);
        if (titles.Count != 1 || beforeTitle.Count > 0)
        {
            throw new HelpDocumentException(path, titles.Count > 1 ? titles[1].Line : 1, "a cmdlet page has exactly one '# Name' heading, before any other text.");
        }

        string name = titles[0].Title;
        string expectedName = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(name, expectedName, StringComparison.Ordinal))
        {
            throw new HelpDocumentException(path, titles[0].Line, $"the page is titled '{name}' but the file is named '{expectedName}.md'.");
        }

        Dictionary<string, MarkdownSection> sections = ReadSections(path, titles[0]);

        var page = new CmdletPage(
            Name: name,
            SourcePath: path,
            ModuleName: moduleName,
            ExternalHelpFile: externalHelpFile,
            OnlineVersion: frontMatter.Get("online version"),
            Synopsis: RequireText(path, sections[Synopsis]),
            ParameterSets: ReadSyntax(path, name, sections[Syntax]),
            Description: RequireText(path, sections[Description]),
            Examples: ReadExamples(path, sections[Examples]),
            Parameters: ReadParameters(path, sections[Parameters]),
            Inputs: ReadTypeNotes(path, sections[Inputs]),
            Outputs: ReadTypeNotes(path, sections[Outputs]),
            Notes: sections.TryGetValue(Notes, out MarkdownSection? notes) ? MarkdownText.Blocks(notes.Body) : new List<TextBlock>(),
            Links: sections.TryGetValue(RelatedLinks, out MarkdownSection? links) ? ReadLinks(links) : new List<RelatedLink>());

        CheckParameterSets(path, page);
        return page;
    }

    private static Dictionary<string, MarkdownSection> ReadSections(string path, MarkdownSection title)
    {
        List<MarkdownSection> list = MarkdownSection.Split(title.Body, 2, out List<Block> preamble);
        if (preamble.Count > 0)
        {
            throw new HelpDocumentException(path, MarkdownText.LineOf(preamble[0]), "text between the '# Name' heading and '## SYNOPSIS' belongs in a section.");
        }

        var sections = new Dictionary<string, MarkdownSection>(StringComparer.Ordinal);
        foreach (MarkdownSection section in list)
        {
            if (!KnownSections.Contains(section.Title, StringComparer.Ordinal))
            {
                throw new HelpDocumentException(path, section.Line, $"'## {section.Title}' is not a section of a cmdlet page; the sections are {string.Join(", ", KnownSections)} (upper case).");
            }

            if (!sections.TryAdd(section.Title, section))
            {
                throw new HelpDocumentException(path, section.Line, $"'## {section.Title}' appears twice.");
            }
        }

        foreach (string required in RequiredSections)
        {
            if (!sections.ContainsKey(required))
            {
                throw new HelpDocumentException(path, title.Line, $"the page has no '## {required}' section.");
            }
        }

        return sections;
    }

    private static List<TextBlock> RequireText(string path, MarkdownSection section)
    {
        List<TextBlock> text = MarkdownText.Blocks(section.Body);
        if (!text.OfType<TextParagraph>().Any())
        {
            throw new HelpDocumentException(path, section.Line, $"'## {section.Title}' is empty.");
        }

        return text;
    }

    private static List<SyntaxSet> ReadSyntax(string path, string name, MarkdownSection section)
    {
        List<MarkdownSection> named = MarkdownSection.Split(section.Body, 3, out List<Block> unnamed);
        var sets = new List<SyntaxSet>();
        if (named.Count == 0)
        {
            var blocks = unnamed.OfType<CodeBlock>().ToList();
            if (blocks.Count != 1)
            {
                throw new HelpDocumentException(path, section.Line, "'## SYNTAX' needs one code block, or one '### SetName' heading with a code block per parameter set.");
            }

            sets.Add(new SyntaxSet(SyntaxSet.AllParameterSets, true, SyntaxText(blocks[0]), MarkdownText.LineOf(blocks[0])));
        }
        else
        {
            if (unnamed.OfType<CodeBlock>().Any())
            {
                throw new HelpDocumentException(path, section.Line, "a syntax code block stands before the first '### SetName' heading.");
            }

            foreach (MarkdownSection set in named)
            {
                Match match = SetHeading().Match(set.Title);
                if (!match.Success)
                {
                    throw new HelpDocumentException(path, set.Line, $"'### {set.Title}' is not a parameter set heading; write '### SetName' or '### SetName (Default)'.");
                }

                var blocks = set.Body.OfType<CodeBlock>().ToList();
                if (blocks.Count != 1)
                {
                    throw new HelpDocumentException(path, set.Line, $"parameter set '{set.Title}' needs exactly one code block with its syntax.");
                }

                string setName = match.Groups["name"].Value;
                if (sets.Any(s => string.Equals(s.Name, setName, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new HelpDocumentException(path, set.Line, $"parameter set '{setName}' appears twice.");
                }

                sets.Add(new SyntaxSet(setName, match.Groups["default"].Success, SyntaxText(blocks[0]), MarkdownText.LineOf(blocks[0])));
            }

            if (sets.Count(s => s.IsDefault) > 1)
            {
                throw new HelpDocumentException(path, section.Line, "more than one parameter set is marked '(Default)'.");
            }
        }

        foreach (SyntaxSet set in sets)
        {
            if (!set.SyntaxText.StartsWith(name + " ", StringComparison.Ordinal) && set.SyntaxText != name)
            {
                throw new HelpDocumentException(path, set.Line, $"the syntax block does not start with the cmdlet name '{name}'.");
            }
        }

        return sets;
    }

    private static string SyntaxText(CodeBlock block) => string.Join(" ", MarkdownText.CodeLines(block).Select(l => l.Trim()));

    private static List<CmdletExample> ReadExamples(string path, MarkdownSection section)
    {
        List<MarkdownSection> examples = MarkdownSection.Split(section.Body, 3, out List<Block> preamble);
        if (examples.Count == 0)
        {
            throw new HelpDocumentException(path, section.Line, "'## EXAMPLES' has no '### Example 1: ...' heading.");
        }

        if (MarkdownText.Blocks(preamble).Count > 0)
        {
            throw new HelpDocumentException(path, MarkdownText.LineOf(preamble[0]), "text in '## EXAMPLES' before the first '### Example' heading would be lost.");
        }

        var result = new List<CmdletExample>();
        foreach (MarkdownSection example in examples)
        {
            var code = new List<string>();
            var remarks = new List<Block>();
            foreach (Block block in example.Body)
            {
                if (block is CodeBlock codeBlock)
                {
                    code.Add(string.Join("\n", MarkdownText.CodeLines(codeBlock)));
                }
                else
                {
                    remarks.Add(block);
                }
            }

            if (code.Count == 0 || code.All(c => c.Trim().Length == 0))
            {
                throw new HelpDocumentException(path, example.Line, $"example '{example.Title}' has no code block.");
            }

            result.Add(new CmdletExample(example.Title, code, MarkdownText.Blocks(remarks)));
        }

        return result;
    }

    private static List<CmdletParameter> ReadParameters(string path, MarkdownSection section)
    {
        var result = new List<CmdletParameter>();
        foreach (MarkdownSection entry in MarkdownSection.Split(section.Body, 3, out _))
        {
            string title = entry.Title.Trim();
            if (title is "CommonParameters" or "<CommonParameters>" or "WorkflowCommonParameters" or "<WorkflowCommonParameters>")
            {
                continue;
            }

            if (!title.StartsWith('-') || title.Length < 2 || title.Contains(' ', StringComparison.Ordinal))
            {
                throw new HelpDocumentException(path, entry.Line, $"'### {title}' is not a parameter heading; write '### -Name'.");
            }

            string name = title[1..];
            if (ForbiddenParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new HelpDocumentException(path, entry.Line, $"-{name} must not be documented: only some PowerShell versions have it (regenerated PlatyPS pages add it on PowerShell 7.4+).");
            }

            if (result.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpDocumentException(path, entry.Line, $"parameter -{name} is documented twice.");
            }

            var metadata = new List<ParameterMetadata>();
            var description = new List<Block>();
            foreach (Block block in entry.Body)
            {
                if (block is CodeBlock code && MarkdownText.CodeLanguage(code) == "yaml")
                {
                    metadata.Add(ParameterMetadataParser.Parse(path, name, MarkdownText.LineOf(code), MarkdownText.CodeLines(code)));
                }
                else
                {
                    description.Add(block);
                }
            }

            if (metadata.Count == 0)
            {
                throw new HelpDocumentException(path, entry.Line, $"parameter -{name} has no ```yaml block with its Type, Parameter Sets, Required, Position and pipeline input.");
            }

            List<TextBlock> text = MarkdownText.Blocks(description);
            if (!text.OfType<TextParagraph>().Any())
            {
                throw new HelpDocumentException(path, entry.Line, $"parameter -{name} has no description.");
            }

            result.Add(new CmdletParameter(name, text, metadata, entry.Line));
        }

        return result;
    }

    private static List<TypeNote> ReadTypeNotes(string path, MarkdownSection section)
    {
        List<MarkdownSection> entries = MarkdownSection.Split(section.Body, 3, out List<Block> preamble);
        if (entries.Count == 0)
        {
            throw new HelpDocumentException(path, section.Line, $"'## {section.Title}' needs a '### TypeName' heading per type ('### None' when there is none).");
        }

        if (MarkdownText.Blocks(preamble).Count > 0)
        {
            throw new HelpDocumentException(path, MarkdownText.LineOf(preamble[0]), $"text in '## {section.Title}' before the first '### TypeName' heading would be lost.");
        }

        return entries.Select(e => new TypeNote(e.Title, MarkdownText.Blocks(e.Body))).ToList();
    }

    private static List<RelatedLink> ReadLinks(MarkdownSection section)
    {
        var links = new List<RelatedLink>();
        foreach (ParagraphBlock paragraph in section.Body.OfType<ParagraphBlock>())
        {
            var found = MarkdownText.Links(paragraph.Inline).ToList();
            if (found.Count == 0)
            {
                links.Add(new RelatedLink(MarkdownText.Inline(paragraph.Inline).Trim(), string.Empty));
            }

            foreach ((string text, string url) in found)
            {
                links.Add(new RelatedLink(text, MarkdownText.IsAbsoluteWebUrl(url) ? url : string.Empty));
            }
        }

        return links;
    }

    /// <summary>
    /// The yaml blocks must name only sets that SYNTAX shows, and each SYNTAX block must show
    /// exactly the parameters documented for its set: the two halves of a page cannot drift.
    /// </summary>
    private static void CheckParameterSets(string path, CmdletPage page)
    {
        var setNames = page.ParameterSets.Select(s => s.Name).ToList();
        foreach (CmdletParameter parameter in page.Parameters)
        {
            foreach (ParameterMetadata metadata in parameter.Metadata)
            {
                foreach (string set in metadata.ParameterSets)
                {
                    if (!setNames.Contains(set, StringComparer.OrdinalIgnoreCase))
                    {
                        string known = setNames.SequenceEqual(new[] { SyntaxSet.AllParameterSets })
                            ? "SYNTAX shows a single set: write 'Parameter Sets: (All)'"
                            : "SYNTAX shows " + string.Join(", ", setNames);
                        throw new HelpDocumentException(path, metadata.Line, $"parameter -{parameter.Name} names the parameter set '{set}', but {known}.");
                    }
                }
            }

            if (parameter.Metadata.Count > 1 && parameter.Metadata.Any(m => m.AppliesToAllSets))
            {
                throw new HelpDocumentException(path, parameter.Line, $"parameter -{parameter.Name} has several yaml blocks, so none of them can say '(All)'.");
            }
        }

        foreach (SyntaxSet set in page.ParameterSets)
        {
            var shown = SyntaxParameter().Matches(set.SyntaxText).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var documented = page.ParametersOf(set).Select(p => p.Parameter.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            string setLabel = set.Name == SyntaxSet.AllParameterSets ? "the syntax block" : $"the syntax of set '{set.Name}'";
            foreach (string missing in shown.Except(documented, StringComparer.OrdinalIgnoreCase))
            {
                throw new HelpDocumentException(path, set.Line, $"{setLabel} shows -{missing}, but PARAMETERS documents no -{missing} in that set.");
            }

            foreach (string extra in documented.Except(shown, StringComparer.OrdinalIgnoreCase))
            {
                throw new HelpDocumentException(path, set.Line, $"PARAMETERS documents -{extra} in this set, but {setLabel} does not show it.");
            }
        }
    }

    [GeneratedRegex(@"^(?<name>\S+)(\s+\((?<default>Default)\))?$")]
    private static partial Regex SetHeading();

    [GeneratedRegex(@"(?<![\w-])-(?<name>[A-Za-z]\w*)")]
    private static partial Regex SyntaxParameter();
}
