using System;

namespace ZertoTasks
{
    /// <summary>
    /// A VPG, site, host or file-level-restore session that a task touched: its identifier
    /// always, its name when the ZVM could tell it. Prints as its name, or as its identifier
    /// when the name is unknown; equal to any entity (or string, for -contains) with the same
    /// identifier, so joining by id keeps working.
    /// </summary>
    public sealed class ZvmEntity : IEquatable<ZvmEntity>
    {
        /// <summary>An entity known by its identifier only; lets PowerShell turn a string into one.</summary>
        public ZvmEntity(string identifier)
            : this(identifier, null)
        {
        }

        internal ZvmEntity(string identifier, string? name)
        {
            Identifier = identifier ?? throw new ArgumentNullException(nameof(identifier));
            Name = name;
        }

        /// <summary>The name the ZVM gave, or null when it has none or could not tell it (a deleted VPG, a failed look-up).</summary>
        public string? Name { get; }

        /// <summary>The ZVM's identifier of the entity.</summary>
        public string Identifier { get; }

        /// <inheritdoc/>
        public bool Equals(ZvmEntity? other) =>
            other != null && string.Equals(Identifier, other.Identifier, StringComparison.OrdinalIgnoreCase);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as ZvmEntity);

        /// <inheritdoc/>
        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Identifier);

        /// <inheritdoc/>
        public override string ToString() => Name ?? Identifier;
    }
}
