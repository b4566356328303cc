using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace ZertoTasks.Names
{
    /// <summary>What one look-up found: the entities' names by identifier, or why it failed.</summary>
    internal sealed class NameTable
    {
        private static readonly Dictionary<string, string?> None = new Dictionary<string, string?>();
        private static readonly Dictionary<string, string> None2 = new Dictionary<string, string>();

        public NameTable(Dictionary<string, string?> names, DateTime fetchedAtUtc, string? failure = null)
        {
            Names = names;
            FetchedAtUtc = fetchedAtUtc;
            Failure = failure;
        }

        public static NameTable Failed(string failure, DateTime fetchedAtUtc) => new NameTable(None, fetchedAtUtc, failure);

        /// <summary>Identifier to name (null: the entity exists but has no name), case-insensitive.</summary>
        public IReadOnlyDictionary<string, string?> Names { get; }

        public DateTime FetchedAtUtc { get; }

        /// <summary>A further field by identifier where the look-up keeps one (a VPG's LastTest, as written).</summary>
        public IReadOnlyDictionary<string, string> Extra { get; set; } = None2;

        /// <summary>Why (part of) the look-up failed, for the one warning; null when it worked.</summary>
        public string? Failure { get; }

        /// <summary>
        /// Identifiers looked for in vain since this table was made (a deleted VPG): they do not
        /// send every later listing back to the ZVM for a refresh.
        /// </summary>
        public ConcurrentDictionary<string, bool> Missing { get; } = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
    }
}
