using System.Threading.Tasks;
using ZertoTasks.Names;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Gives a ZVM's tasks the names of their VPGs, sites and hosts (<see cref="TaskNamer"/>).
    /// The look-ups start with the ZVM's reading and run while the ZVM answers; those that fail
    /// are noted in <see cref="LookupFailures"/>, for the ZVM's one warning.
    /// </summary>
    internal sealed class NameTasks : TaskStage
    {
        private readonly ZvmSession _session;
        private readonly NamedEntities _entities;
        private readonly LookupFailures _failures;
        private TaskNamer? _namer;

        public NameTasks(ZvmSession session, NamedEntities entities, LookupFailures failures)
        {
            _session = session;
            _entities = entities;
            _failures = failures;
        }

        /// <summary>The namer of this ZVM's listing, once started.</summary>
        public TaskNamer Namer => _namer ?? throw new System.InvalidOperationException("The stage has not started.");

        public override void Start(IListingOutput output) => _namer = TaskNamer.Begin(_session, _entities, output, _failures);

        public override ValueTask<bool> PassAsync(ZvmTask task)
        {
            Task naming = Namer.NameAsync(task);
            return naming.Status == TaskStatus.RanToCompletion ? new ValueTask<bool>(true) : PassWhenNamedAsync(naming);
        }

        private static async ValueTask<bool> PassWhenNamedAsync(Task naming)
        {
            await naming.ConfigureAwait(false);
            return true;
        }
    }
}
