using System.Collections.Generic;
using System.Management.Automation;

namespace ZertoTasks.Infrastructure
{
    /// <summary>
    /// A -Name or -Server filter: a value passes when it matches any of the wildcard patterns,
    /// ignoring case; with no patterns given, everything passes.
    /// </summary>
    internal sealed class WildcardFilter
    {
        private readonly List<WildcardPattern>? _patterns;

        public WildcardFilter(IEnumerable<string>? patterns)
        {
            if (patterns == null)
            {
                return;
            }

            _patterns = new List<WildcardPattern>();
            foreach (string pattern in patterns)
            {
                _patterns.Add(WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase));
            }
        }

        public bool Matches(string value) => _patterns == null || _patterns.Exists(pattern => pattern.IsMatch(value));
    }
}
