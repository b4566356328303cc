using System.Collections.Generic;

namespace HelpBuilder;

/// <summary>An about_ topic: its name and its "## UPPER CASE" sections, in order.</summary>
internal sealed record AboutTopic(string Name, string SourcePath, IReadOnlyList<AboutSection> Sections);

/// <summary>One "## TITLE" section; deeper headings stay inside it as <see cref="TextHeading"/> blocks.</summary>
internal sealed record AboutSection(string Title, IReadOnlyList<TextBlock> Blocks);
