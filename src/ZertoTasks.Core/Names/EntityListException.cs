using System;
using System.Text.Json;

namespace ZertoTasks.Names
{
    /// <summary>What was wrong with a look-up's list, in the words of <see cref="Json.WholeResponse"/>.</summary>
    internal enum EntityListFlaw
    {
        Empty,
        NotJson,
        OtherShape,
        BreaksOff,
    }

    /// <summary>A look-up's answer that <see cref="EntityListStream"/> could not read as a list of entities.</summary>
    internal sealed class EntityListException : JsonException
    {
        public EntityListException(EntityListFlaw flaw, string reason, Exception? inner = null)
            : base(reason, inner)
        {
            Flaw = flaw;
        }

        public EntityListFlaw Flaw { get; }
    }
}
