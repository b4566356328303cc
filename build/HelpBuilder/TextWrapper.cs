using System.Collections.Generic;
using System.Text;

namespace HelpBuilder;

/// <summary>Word-wraps plain text. A word longer than the width (a long URL) gets a line of its own.</summary>
internal static class TextWrapper
{
    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        foreach (string hardLine in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (string word in hardLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                }

                line.Append(word);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }
}
