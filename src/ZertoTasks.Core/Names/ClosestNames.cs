using System;
using System.Collections.Generic;

namespace ZertoTasks.Names
{
    /// <summary>The names closest to a mistyped one, for "did you mean ...?": a few, never the whole list.</summary>
    internal static class ClosestNames
    {
        private const int MaxOffered = 3;

        /// <summary>
        /// Up to three of <paramref name="names"/>, closest first: those within a few edits of
        /// <paramref name="typed"/> (ignoring case), else those that contain it.
        /// </summary>
        public static List<string> To(string typed, IEnumerable<string> names)
        {
            string wanted = typed.ToUpperInvariant();
            int allowed = Math.Max(1, Math.Min(3, wanted.Length / 3));
            var near = new List<KeyValuePair<int, string>>();
            var containing = new List<string>();
            foreach (string name in names)
            {
                string candidate = name.ToUpperInvariant();
                int distance = Distance(wanted, candidate);
                if (distance <= allowed)
                {
                    near.Add(new KeyValuePair<int, string>(distance, name));
                }
                else if (wanted.Length >= 3 && candidate.IndexOf(wanted, StringComparison.Ordinal) >= 0)
                {
                    containing.Add(name);
                }
            }

            near.Sort((a, b) => a.Key != b.Key ? a.Key.CompareTo(b.Key) : string.CompareOrdinal(a.Value, b.Value));
            var closest = near.ConvertAll(pair => pair.Value);
            if (closest.Count == 0)
            {
                closest = containing;
            }

            return closest.Count > MaxOffered ? closest.GetRange(0, MaxOffered) : closest;
        }

        /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
                }

                int[] swap = previous;
                previous = current;
                current = swap;
            }

            return previous[b.Length];
        }
    }
}
