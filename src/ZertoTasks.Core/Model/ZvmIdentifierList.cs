using System.Collections;
using System.Collections.Generic;

namespace ZertoTasks
{
    /// <summary>
    /// The identifiers of a task's related entities, for joining and for the identifier columns
    /// of a CSV file: <see cref="ToString"/> joins them with "; " rather than printing a type name.
    /// </summary>
    public sealed class ZvmIdentifierList : IReadOnlyList<string>
    {
        private readonly string[] _identifiers;

        internal ZvmIdentifierList(string[] identifiers) => _identifiers = identifiers;

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
