using System;

namespace HelpBuilder;

/// <summary>A help page that breaks the schema: which file, which line, and what is wrong.</summary>
internal sealed class HelpDocumentException : Exception
{
    public HelpDocumentException(string path, int line, string message)
        : base(message)
    {
        Path = path;
        Line = line;
    }

    public string Path { get; }

    /// <summary>1-based; 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>The form editors and CI logs recognise: path(line): error: message.</summary>
    public override string ToString() =>
        Line > 0 ? $"{Path}({Line}): error: {Message}" : $"{Path}: error: {Message}";
}
