using System;

namespace ZertoTasks
{
    /// <summary>
    /// A VPG, site, host or file-level-restore session that a task touched: its identifier
    /// always, its name when the ZVM could tell it. Prints as its name, or as its identifier
    /// when the name is unknown. Equal to any entity with the same identifier, so joining by id
    /// keeps working, and to a string that is its identifier or its name (ignoring case), so
    /// <c>$task.Vpgs -contains 'Finance-SQL'</c>, <c>-eq</c> and <c>-in</c> work with what the table shows.
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

        /// <summary>An entity with the same identifier, or a string that is the identifier or the name, ignoring case.</summary>
        public override bool Equals(object? obj) => obj is string text ? IsCalled(text) : Equals(obj as ZvmEntity);

        /// <summary>Whether <paramref name="text"/> is this entity's identifier or name, ignoring case.</summary>
        public bool IsCalled(string? text) =>
            text != null && (string.Equals(Identifier, text, StringComparison.OrdinalIgnoreCase) || string.Equals(Name, text, StringComparison.OrdinalIgnoreCase));

        /// <summary>By identifier only: a dictionary of entities keys them by identifier.</summary>
        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Identifier);

        /// <inheritdoc/>
        public override string ToString() => Name ?? Identifier;
    }
}
