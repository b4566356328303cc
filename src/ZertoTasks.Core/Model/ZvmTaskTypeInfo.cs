namespace ZertoTasks
{
    /// <summary>A task type a ZVM reports, with its number where this module's list has it.</summary>
    public sealed class ZvmTaskTypeInfo
    {
        internal ZvmTaskTypeInfo(string name, int? number, string server)
        {
            Name = name;
            Number = number;
            Server = server;
        }

        /// <summary>The type name exactly as the ZVM sent it.</summary>
        public string Name { get; }

        /// <summary>The type's number in <see cref="ZvmTaskType"/>, or null when the module does not know the name.</summary>
        public int? Number { get; }

        /// <summary>Whether <see cref="ZvmTaskType"/> has this name.</summary>
        public bool IsKnown => Number.HasValue;

        /// <summary>The ZVM that reported it, host:port.</summary>
        public string Server { get; }

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
