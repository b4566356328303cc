using System;
using System.Collections.Generic;
using System.Linq;

namespace HelpBuilder;

/// <summary>One cmdlet's help page (PlatyPS schema 2.0.0), parsed and checked.</summary>
internal sealed record CmdletPage(
    string Name,
    string SourcePath,
    string ModuleName,
    string ExternalHelpFile,
    string OnlineVersion,
    IReadOnlyList<TextBlock> Synopsis,
    IReadOnlyList<SyntaxSet> ParameterSets,
    IReadOnlyList<TextBlock> Description,
    IReadOnlyList<CmdletExample> Examples,
    IReadOnlyList<CmdletParameter> Parameters,
    IReadOnlyList<TypeNote> Inputs,
    IReadOnlyList<TypeNote> Outputs,
    IReadOnlyList<TextBlock> Notes,
    IReadOnlyList<RelatedLink> Links)
{
    public string Verb => Name.Split('-', 2)[0];

    public string Noun => Name.Contains('-', StringComparison.Ordinal) ? Name.Split('-', 2)[1] : string.Empty;

    /// <summary>The parameters of one set, each with the metadata that applies in that set, in page order.</summary>
    public IEnumerable<(CmdletParameter Parameter, ParameterMetadata Metadata)> ParametersOf(SyntaxSet set) =>
        from parameter in Parameters
        let metadata = parameter.MetadataFor(set.Name)
        where metadata is not null
        select (parameter, metadata);
}

/// <summary>
/// A parameter set as the SYNTAX section names it. A page with one syntax block and no
/// set heading has the single set <see cref="AllParameterSets"/>.
/// </summary>
internal sealed record SyntaxSet(string Name, bool IsDefault, string SyntaxText, int Line)
{
    public const string AllParameterSets = "__AllParameterSets";
}

/// <summary>An example: its heading, its code blocks, and the prose around them.</summary>
internal sealed record CmdletExample(string Title, IReadOnlyList<string> CodeBlocks, IReadOnlyList<TextBlock> Remarks);

/// <summary>A parameter: its description, and one metadata block per distinct set of attributes.</summary>
internal sealed record CmdletParameter(string Name, IReadOnlyList<TextBlock> Description, IReadOnlyList<ParameterMetadata> Metadata, int Line)
{
    public ParameterMetadata? MetadataFor(string setName) =>
        Metadata.FirstOrDefault(m => m.AppliesToAllSets)
        ?? Metadata.FirstOrDefault(m => m.ParameterSets.Contains(setName, StringComparer.OrdinalIgnoreCase));
}

/// <summary>The ```yaml block under a parameter.</summary>
internal sealed record ParameterMetadata(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool AcceptsWildcards,
    int Line)
{
    /// <summary>"Parameter Sets: (All)".</summary>
    public bool AppliesToAllSets => ParameterSets.Count == 0;

    public bool IsSwitch => string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An INPUTS or OUTPUTS entry: a type name and what it means.</summary>
internal sealed record TypeNote(string TypeName, IReadOnlyList<TextBlock> Description);

/// <summary>A RELATED LINKS entry; <see cref="Uri"/> is empty for a link to another page of these docs.</summary>
internal sealed record RelatedLink(string Text, string Uri);
