using System;

namespace ZertoTasks.Names
{
    /// <summary>Which related entities of a task get names.</summary>
    [Flags]
    internal enum NamedEntities
    {
        None = 0,
        Vpgs = 1,
        Sites = 2,
        Hosts = 4,
        All = Vpgs | Sites | Hosts,
    }
}
