using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;

namespace ZertoTasks.Formats
{
    /// <summary>
    /// The text of a table cell, broken onto lines by the view itself, for the *.Format.ps1xml
    /// views. PowerShell wraps a cell at spaces only under a few cultures (en, fr, de, it, pt,
    /// es) and cuts it anywhere under the others, the invariant one included; a line that fits its
    /// column it leaves alone. So a view that wants whole words breaks its cells here, at a width
    /// it knows, and PowerShell only stacks the lines. Widths are display cells, as PowerShell
    /// counts them: a wide East Asian character takes two.
    /// </summary>
    /// <remarks>
    /// Called from the views' script blocks, once per cell of a listing that may hold 100,000
    /// tasks: an empty or fitting value costs a length check and is returned as it is, and type
    /// names, which repeat, are broken once per width.
    /// </remarks>
    public static class CellText
    {
        // Type names repeat; the ZVM knows about 70 of them. Bounded, in case a ZVM invents many.
        private const int TypeCacheLimit = 1024;
        private static readonly ConcurrentDictionary<(string, int), string> TypeCache = new ConcurrentDictionary<(string, int), string>();

        /// <summary>
        /// <paramref name="text"/> on lines of at most <paramref name="width"/> cells, broken at
        /// spaces. A word longer than a line is broken after its last '/', '\', '-', '.', ',', ':',
        /// ';', '_', '=', '&amp;' or '@' that fits (a path, a URL, a host name, an identifier), and cut
        /// only where it has none. Line breaks of the text are kept; runs of blanks become one.
        /// </summary>
        public static string Words(string? text, int width)
        {
            if (string.IsNullOrEmpty(text) || width < 1)
            {
                return text ?? string.Empty;
            }

            if (text!.Length <= width / 2 || (Cells(text) <= width && IsOneLine(text)))
            {
                return text;
            }

            var lines = new List<string>();
            foreach (string paragraph in text.TrimEnd().Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'))
            {
                WrapParagraph(paragraph, width, lines);
            }

            return string.Join("\n", lines);
        }

        /// <summary>
        /// A PascalCase name (a task type: <c>MoveProtectionGroupToManualOperationNeeded</c>) on as
        /// few lines of at most <paramref name="width"/> cells as it takes, each broken where a word
        /// of the name starts (<c>UpdateProtection</c> / <c>Group</c>), the lines as even as they
        /// can be. A name that fits is returned as it is.
        /// </summary>
        public static string Name(string? name, int width)
        {
            if (string.IsNullOrEmpty(name) || width < 1 || name!.Length <= width / 2 || Cells(name) <= width)
            {
                return name ?? string.Empty;
            }

            if (TypeCache.TryGetValue((name, width), out string? cached))
            {
                return cached;
            }

            string broken = BreakName(name, width);
            if (TypeCache.Count < TypeCacheLimit)
            {
                TypeCache[(name, width)] = broken;
            }

            return broken;
        }

        /// <summary>
        /// The entities of a list (VPGs, sites, hosts) by name, or by identifier where the name is
        /// unknown, joined with "; " while they fit a line of <paramref name="width"/> cells, the
        /// next one on a new line otherwise. One longer than a line is broken as <see cref="Words"/>
        /// breaks a word (an identifier after a '-').
        /// </summary>
        public static string Names(ZvmEntityList? entities, int width)
        {
            if (entities == null || entities.Count == 0)
            {
                return string.Empty;
            }

            if (entities.Count == 1)
            {
                return Words(entities.NameAt(0) ?? entities.IdentifierArray[0], width);
            }

            var lines = new List<string>();
            var line = new StringBuilder();
            int lineCells = 0;
            for (int i = 0; i < entities.Count; i++)
            {
                string shown = entities.NameAt(i) ?? entities.IdentifierArray[i];
                bool last = i == entities.Count - 1;
                string item = last ? shown : shown + ";";
                int cells = Cells(item);
                if (line.Length > 0 && lineCells + 1 + cells <= width)
                {
                    line.Append(' ').Append(item);
                    lineCells += 1 + cells;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                if (cells <= width)
                {
                    line.Append(item);
                    lineCells = cells;
                }
                else
                {
                    WrapParagraph(item, width, lines);
                    lineCells = 0;
                }
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString());
            }

            return string.Join("\n", lines);
        }

        /// <summary>
        /// A task's type (<see cref="Name"/>) over its entities (<see cref="Names"/>), both on lines
        /// of at most <paramref name="width"/> cells: the type alone when the list is empty.
        /// </summary>
        public static string NameOver(string? name, ZvmEntityList? entities, int width)
        {
            string top = Name(name, width);
            return entities == null || entities.Count == 0 ? top : top + "\n" + Names(entities, width);
        }

        /// <summary>The display cells of <paramref name="text"/>: two for a wide East Asian character, one for any other.</summary>
        public static int Cells(string text)
        {
            int cells = 0;
            foreach (char c in text)
            {
                cells += Cells(c);
            }

            return cells;
        }

        // The ranges PowerShell's DisplayCells counts as two cells where the console cannot say.
        private static int Cells(char c) =>
            c < 0x1100 ? 1 :
            (c <= 0x115f) ||
            (c >= 0x2e80 && c <= 0xa4cf && c != 0x303f) ||
            (c >= 0xac00 && c <= 0xd7a3) ||
            (c >= 0xf900 && c <= 0xfaff) ||
            (c >= 0xfe30 && c <= 0xfe6f) ||
            (c >= 0xff00 && c <= 0xff60) ||
            (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;

        private static bool IsOneLine(string text) => text.IndexOf('\n') < 0 && text.IndexOf('\r') < 0;

        private static void WrapParagraph(string paragraph, int width, List<string> lines)
        {
            var line = new StringBuilder();
            int lineCells = 0;
            foreach (string word in paragraph.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int cells = Cells(word);
                if (line.Length > 0 && lineCells + 1 + cells <= width)
                {
                    line.Append(' ').Append(word);
                    lineCells += 1 + cells;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineCells = 0;
                }

                string rest = word;
                while (Cells(rest) > width)
                {
                    int take = LongWordBreak(rest, width);
                    lines.Add(rest.Substring(0, take));
                    rest = rest.Substring(take);
                }

                line.Append(rest);
                lineCells = Cells(rest);
            }

            lines.Add(line.ToString());
        }

        /// <summary>How many characters of a word longer than a line go on the line: up to a break character if one fits, else as many as fit.</summary>
        private static int LongWordBreak(string word, int width)
        {
            int fit = 0;
            int cells = 0;
            while (fit < word.Length)
            {
                int next = Cells(word[fit]);
                if (cells + next > width)
                {
                    break;
                }

                cells += next;
                fit++;
            }

            // Never split a surrogate pair.
            if (fit > 1 && fit < word.Length && char.IsLowSurrogate(word[fit]))
            {
                fit--;
            }

            for (int i = fit; i > 1; i--)
            {
                if ("/\\-.,:;_=&@".IndexOf(word[i - 1]) >= 0)
                {
                    return i;
                }
            }

            return Math.Max(1, fit);
        }

        private static string BreakName(string name, int width)
        {
            List<string> words = NameWords(name);

            // The fewest lines, and of those the breaks whose longest line is shortest:
            // best[i] is the best layout of words[i..].
            int n = words.Count;
            var lineCount = new int[n + 1];
            var longest = new int[n + 1];
            var next = new int[n + 1];
            for (int i = n - 1; i >= 0; i--)
            {
                lineCount[i] = int.MaxValue;
                int cells = 0;
                for (int j = i; j < n; j++)
                {
                    cells += Cells(words[j]);
                    if (cells > width && j > i)
                    {
                        break;
                    }

                    // A single word longer than the line is cut, as Words cuts it.
                    int lines = (cells + width - 1) / width;
                    int candidateLines = lines + lineCount[j + 1];
                    int candidateLongest = Math.Max(Math.Min(cells, width), longest[j + 1]);
                    if (candidateLines < lineCount[i] || (candidateLines == lineCount[i] && candidateLongest < longest[i]))
                    {
                        lineCount[i] = candidateLines;
                        longest[i] = candidateLongest;
                        next[i] = j + 1;
                    }
                }
            }

            var result = new List<string>();
            for (int i = 0; i < n; i = next[i])
            {
                string line = string.Concat(words.GetRange(i, next[i] - i));
                if (Cells(line) <= width)
                {
                    result.Add(line);
                }
                else
                {
                    WrapParagraph(line, width, result);
                }
            }

            return string.Join("\n", result);
        }

        /// <summary>
        /// The words of a PascalCase name: each starts at a capital after a small letter or a
        /// digit, or at the last capital of a run followed by a small letter (<c>RemoveVM</c> /
        /// <c>From</c>), or at a digit after a letter.
        /// </summary>
        private static List<string> NameWords(string name)
        {
            var words = new List<string>();
            int start = 0;
            for (int i = 1; i < name.Length; i++)
            {
                char previous = name[i - 1];
                char c = name[i];
                bool starts =
                    (char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous))) ||
                    (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1])) ||
                    (char.IsDigit(c) && char.IsLetter(previous)) ||
                    (char.IsLetterOrDigit(c) && !char.IsLetterOrDigit(previous));
                if (starts)
                {
                    words.Add(name.Substring(start, i - start));
                    start = i;
                }
            }

            words.Add(name.Substring(start));
            return words;
        }
    }
}
