using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Listing;
using ZertoTasks.Names;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// Get-ZvmFailoverTest's own stage, last in a ZVM's line: takes the ZVM's FailOverTest and
    /// StopFailOverTest tasks (named by <see cref="NameTasks"/> before it) into a
    /// <see cref="TestRebuilder"/> and writes none of them. As the ZVM's reading starts it starts,
    /// beside the tasks, the read of the ZVM's recovery reports and, for -Latest, of the day its
    /// history starts; <see cref="FinishAsync"/> gives the ZVM's tests once the listing has ended.
    /// </summary>
    internal sealed class RebuildTests : TaskStage
    {
        private readonly NameTasks? _names;
        private readonly bool _latest;
        private readonly DateTime? _startedAfter;
        private readonly CancellationToken _cancellation;
        private readonly TestRebuilder _rebuilder = new TestRebuilder();
        private IListingOutput? _output;
        private Task<List<RecoveryReport>?>? _reports;
        private Task<DateTime?>? _historyStart;

        public RebuildTests(ZvmSession session, NameTasks? names, bool latest, DateTime? startedAfter, CancellationToken cancellation)
        {
            Session = session;
            _names = names;
            _latest = latest;
            _startedAfter = startedAfter;
            _cancellation = cancellation;
        }

        public ZvmSession Session { get; }

        /// <summary>Whether the ZVM's reading started (a listing stopped early may never reach a ZVM).</summary>
        public bool Started => _output != null;

        /// <summary>The namer of the ZVM's listing, when VPGs are named.</summary>
        public TaskNamer? Namer => _names?.Namer;

        public override void Start(IListingOutput output)
        {
            _output = output;
            _reports = ReadReportsAsync(output);
            _historyStart = _latest ? ReadHistoryStartAsync(output) : null;
        }

        public override ValueTask<bool> PassAsync(ZvmTask task)
        {
            // One consumer per ZVM: the line runs a ZVM's tasks one after the other.
            _rebuilder.Add(task);
            return new ValueTask<bool>(false);
        }

        /// <summary>The ZVM's tests, oldest first, with the testers' verdicts where its reports could be read.</summary>
        public async Task<List<ZvmFailoverTest>> FinishAsync()
        {
            List<ZvmFailoverTest> tests = _rebuilder.Build();
            if (_reports != null && await _reports.ConfigureAwait(false) is List<RecoveryReport> reports)
            {
                ReportMatcher.Apply(tests, reports);
            }

            return tests;
        }

        /// <summary>The day the ZVM's history starts (-Latest); null when unknown.</summary>
        public Task<DateTime?> HistoryStartAsync() => _historyStart ?? Task.FromResult<DateTime?>(null);

        private async Task<List<RecoveryReport>?> ReadReportsAsync(IListingOutput output)
        {
            await Task.Yield();
            try
            {
                return await RecoveryReportApi.ReadAsync(Session.Client, _startedAfter, output, _cancellation).ConfigureAwait(false);
            }
            catch (ZvmException e)
            {
                output.WarningOnce(
                    $"Recovery reports of {Session.Server} could not be read ({e.Message.TrimEnd('.')}), so its tests carry no tester's verdict, notes or RTO: their results come from the tasks alone. " +
                    "This warning is given once per session; -Verbose shows later failures.",
                    SessionHistory.Of(Session).ClaimReportWarning);
                return null;
            }
        }

        private async Task<DateTime?> ReadHistoryStartAsync(IListingOutput output)
        {
            await Task.Yield();
            try
            {
                return await SessionHistory.Of(Session).StartDayAsync(Session, output, _cancellation).ConfigureAwait(false);
            }
            catch (ZvmException e)
            {
                output.Verbose($"{Session.Server}: where its task history starts could not be found: {e.Message}");
                return null;
            }
        }
    }
}
