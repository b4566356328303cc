using System.Collections.Generic;

namespace HelpBuilder;

/// <summary>
/// A block of help text with its markdown formatting reduced to plain text: what both the
/// MAML writer and the about-topic writer need, and nothing of Markdig's syntax tree.
/// </summary>
internal abstract record TextBlock;

/// <summary>A paragraph. Soft line breaks are spaces; a hard break (two trailing spaces) is '\n'.</summary>
internal sealed record TextParagraph(string Text) : TextBlock;

/// <summary>A bulleted or numbered list; each item is a list of blocks.</summary>
internal sealed record TextList(bool IsOrdered, int Start, IReadOnlyList<IReadOnlyList<TextBlock>> Items) : TextBlock;

/// <summary>A code sample, line by line, never re-wrapped; <see cref="Line"/> is the source line of its opening fence.</summary>
internal sealed record TextCode(string Language, IReadOnlyList<string> Lines, int Line) : TextBlock;

/// <summary>A pipe table: the header cells and each row's cells.</summary>
internal sealed record TextTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : TextBlock;

/// <summary>A heading inside a section (level 3 and deeper in an about topic).</summary>
internal sealed record TextHeading(int Level, string Text) : TextBlock;
