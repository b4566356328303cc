using System;
using System.Management.Automation;
using ZertoTasks.Listing;

namespace ZertoTasks.Parameters
{
    /// <summary>The values of a -Vpg parameter as the filter every listing cmdlet applies.</summary>
    internal static class VpgValues
    {
        /// <summary>The filter of <paramref name="values"/>; null when -Vpg was not given.</summary>
        public static VpgFilter? FilterOf(string[]? values) =>
            values == null ? null : new VpgFilter(values, Pattern, WildcardPattern.ContainsWildcardCharacters);

        /// <summary>A value's wildcard pattern; a value that is no valid pattern ('Dev [Lab', an unclosed bracket) selects by equality alone.</summary>
        private static Predicate<string> Pattern(string value)
        {
            WildcardPattern pattern = WildcardPattern.Get(value, WildcardOptions.IgnoreCase);
            return text =>
            {
                try
                {
                    return pattern.IsMatch(text);
                }
                catch (WildcardPatternException)
                {
                    return false;
                }
            };
        }
    }
}
