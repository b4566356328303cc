using System;
using System.Collections.Generic;

namespace ZertoTasks.Names
{
    /// <summary>
    /// Names by identifier (case-insensitive), and one further field of each entity where the
    /// look-up keeps one: a VPG's LastTest, the VPG list's own last-test date.
    /// </summary>
    internal sealed class EntityNames : Dictionary<string, string?>
    {
        public EntityNames()
            : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        /// <summary>The further field by identifier, as the ZVM wrote it; entities without it are absent.</summary>
        public Dictionary<string, string> Extra { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }
}
