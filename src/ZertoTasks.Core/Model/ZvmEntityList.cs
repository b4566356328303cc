using System.Collections;
using System.Collections.Generic;

namespace ZertoTasks
{
    /// <summary>
    /// The entities of one kind that a task touched. Enumerable for -contains, ForEach-Object and
    /// Format-Table; <see cref="ToString"/> joins their names (identifiers where a name is unknown)
    /// with "; ", so Export-Csv writes readable text; <see cref="Identifiers"/> gives the ids alone.
    /// </summary>
    /// <remarks>
    /// The parser shares one list among the many tasks that touch the same single entity, and
    /// names are attached by making a new list over the same identifiers: entities are made on
    /// access, so a listing of 100,000 tasks allocates no entity objects it does not show.
    /// </remarks>
    public sealed class ZvmEntityList : IReadOnlyList<ZvmEntity>
    {
        internal static readonly ZvmEntityList Empty = new ZvmEntityList(new string[0]);

        private readonly string[] _identifiers;
        private readonly string?[]? _names;

        internal ZvmEntityList(string[] identifiers)
            : this(identifiers, null)
        {
        }

        /// <param name="identifiers">shared, never changed</param>
        /// <param name="names">one per identifier, null where unknown; null when no name is known at all</param>
        internal ZvmEntityList(string[] identifiers, string?[]? names)
        {
            _identifiers = identifiers;
            _names = names;
        }

        /// <inheritdoc/>
        public ZvmEntity this[int index] => new ZvmEntity(_identifiers[index], _names?[index]);

        /// <inheritdoc/>
        public int Count => _identifiers.Length;

        /// <summary>The identifiers alone, in the same order; printed and exported as "id1; id2".</summary>
        public ZvmIdentifierList Identifiers => new ZvmIdentifierList(_identifiers);

        /// <summary>The name of the entity at <paramref name="index"/>, null where unknown.</summary>
        internal string? NameAt(int index) => _names?[index];

        /// <summary>The identifiers, shared with the list itself.</summary>
        internal string[] IdentifierArray => _identifiers;

        /// <inheritdoc/>
        public IEnumerator<ZvmEntity> GetEnumerator()
        {
            for (int i = 0; i < _identifiers.Length; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <inheritdoc/>
        public override string ToString()
        {
            if (_names == null)
            {
                return Identifiers.ToString();
            }

            var shown = new string[_identifiers.Length];
            for (int i = 0; i < shown.Length; i++)
            {
                shown[i] = _names[i] ?? _identifiers[i];
            }

            return string.Join("; ", shown);
        }
    }
}
