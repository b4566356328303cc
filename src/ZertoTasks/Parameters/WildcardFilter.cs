using System.Collections.Generic;
using System.Management.Automation;

namespace ZertoTasks.Parameters
{
    /// <summary>
    /// A -Name or -Server filter: a value passes when it matches any of the wildcard patterns,
    /// ignoring case; with no patterns given, everything passes. Like Get-Service -Name, a name
    /// without wildcards that matched nothing is reported (<see cref="UnmatchedNames"/>).
    /// </summary>
    internal sealed class WildcardFilter
    {
        private readonly List<Entry>? _entries;

        public WildcardFilter(IEnumerable<string>? patterns)
        {
            if (patterns == null)
            {
                return;
            }

            _entries = new List<Entry>();
            foreach (string pattern in patterns)
            {
                _entries.Add(new Entry(pattern, WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase)));
            }
        }

        public bool Matches(string value)
        {
            if (_entries == null)
            {
                return true;
            }

            bool any = false;
            foreach (Entry entry in _entries)
            {
                if (entry.Pattern.IsMatch(value))
                {
                    entry.Matched = true;
                    any = true;
                }
            }

            return any;
        }

        /// <summary>The names without wildcard characters that no value has matched so far.</summary>
        public IEnumerable<string> UnmatchedNames()
        {
            foreach (Entry entry in _entries ?? new List<Entry>())
            {
                if (!entry.Matched && !WildcardPattern.ContainsWildcardCharacters(entry.Text))
                {
                    yield return entry.Text;
                }
            }
        }

        private sealed class Entry
        {
            public Entry(string text, WildcardPattern pattern)
            {
                Text = text;
                Pattern = pattern;
            }

            public string Text { get; }

            public WildcardPattern Pattern { get; }

            public bool Matched { get; set; }
        }
    }
}
