using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// -Vpg for one ZVM: passes the tasks that touched a VPG the values name (the tasks carry
    /// their VPG names already: this stage follows <see cref="NameTasks"/>). At the end, marks
    /// the values that name one of the ZVM's VPGs, though no task touched it.
    /// </summary>
    internal sealed class FilterByVpg : TaskStage
    {
        private readonly ZvmSession _session;
        private readonly VpgFilter _filter;
        private readonly NameTasks _names;

        public FilterByVpg(ZvmSession session, VpgFilter filter, NameTasks names)
        {
            _session = session;
            _filter = filter;
            _names = names;
        }

        public override ValueTask<bool> PassAsync(ZvmTask task) => new ValueTask<bool>(_filter.Matches(task));

        public override Task EndAsync() => _filter.LookForVpgsAsync(_session, _names.Namer);
    }
}
