using System.Collections;
using System.Collections.Generic;

namespace ZertoTasks
{
    /// <summary>
    /// The identifiers of the entities a task touched. Enumerable for -contains and
    /// Format-Table; <see cref="ToString"/> joins them with "; " so Export-Csv writes
    /// readable text rather than a type name.
    /// </summary>
    public sealed class ZvmEntityList : IReadOnlyList<string>
    {
        internal static readonly ZvmEntityList Empty = new ZvmEntityList(new string[0]);

        private readonly string[] _identifiers;

        internal ZvmEntityList(string[] identifiers) => _identifiers = identifiers;

        /// <inheritdoc/>
        public string this[int index] => _identifiers[index];

        /// <inheritdoc/>
        public int Count => _identifiers.Length;

        /// <inheritdoc/>
        public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_identifiers).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _identifiers.GetEnumerator();

        /// <inheritdoc/>
        public override string ToString() => string.Join("; ", _identifiers);
    }
}
