using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using System;
using ZertoTasks.Commands;
using ZertoTasks.FailoverTests;
using ZertoTasks.Hosting;
using ZertoTasks.Listing;
using ZertoTasks.Names;
using ZertoTasks.Transport;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Get-ZvmFailoverTest's listing: each ZVM is asked for its FailOverTest and StopFailOverTest
    /// tasks only (two server-side filtered requests, in the ZVM's slot), and, beside them, its
    /// recovery reports, its VPG list and (for -Latest) where its history starts. As a ZVM's
    /// reads end, its tests are rebuilt (<see cref="TestRebuilder"/>), given the tester's verdicts
    /// (<see cref="ReportMatcher"/>) and selected by -Vpg; a test seen from both ZVMs of a pair
    /// is kept once.
    /// </summary>
    internal sealed class FailoverTestListing
    {
        private static readonly ZvmTaskType[] TestTypes = { ZvmTaskType.FailOverTest, ZvmTaskType.StopFailOverTest };

        private readonly List<ZvmSession> _sessions;
        private readonly TaskQuery _window;
        private readonly VpgFilter? _filter;
        private readonly NamedEntities _named;
        private readonly bool _latest;

        public FailoverTestListing(List<ZvmSession> sessions, TaskQuery window, VpgFilter? filter, NamedEntities named, bool latest)
        {
            _sessions = sessions;
            _window = window;
            _filter = filter;
            _named = named;
            _latest = latest;
        }

        public int ThrottleLimit { get; set; }

        /// <summary>The ZVMs' tests, ZVM by ZVM in the order given, each ZVM's oldest first; with -Latest the ZVMs as <see cref="ListedVpgs"/> too.</summary>
        public async Task<(List<ZvmFailoverTest> Tests, List<ListedVpgs> Zvms)> RunAsync(PipelineOutbox outbox, CancellationToken cancellation)
        {
            TaskQueryPlan plan = TaskQueryPlan.For(_window, TestTypes, new ZvmTaskState[0]);
            var perZvm = _sessions.Select(session => new ZvmTests(session, _named, _latest, _window.StartedAfter, cancellation)).ToList();
            var reads = new List<TaskListRead>();
            foreach (ZvmTests zvm in perZvm)
            {
                reads.AddRange(plan.Queries.Select(query => new TestTaskRead(zvm, query)));
            }

            FleetProgress? progress = _sessions.Count > 1 ? new FleetProgress(_sessions.Count) : null;
            perZvm.ForEach(zvm => zvm.Progress = progress);
            var listing = new TaskListing(reads) { ThrottleLimit = ThrottleLimit };
            listing.ZvmEnded = session =>
            {
                progress?.ZvmDone();
                perZvm.First(zvm => zvm.Session == session).Failures.Report(outbox.WarningIfClaimed);
            };
            Task reading = listing.RunAsync(outbox, cancellation);
            await (progress == null ? reading : progress.ShowWhileAsync(reading, outbox, cancellation)).ConfigureAwait(false);

            var paired = new PairedTests();
            var tests = new List<ZvmFailoverTest>();
            var zvms = new List<ListedVpgs>();
            foreach (ZvmTests zvm in perZvm.Where(zvm => zvm.Begun))
            {
                List<ZvmFailoverTest> ofZvm = zvm.Rebuilder.Build();
                List<RecoveryReport>? reports = await zvm.ReportsAsync(outbox).ConfigureAwait(false);
                if (reports != null)
                {
                    ReportMatcher.Apply(ofZvm, reports);
                }

                foreach (ZvmFailoverTest test in ofZvm)
                {
                    // Every test is offered to -Vpg, so that each value learns whether it matched.
                    bool selected = _filter == null || _filter.Matches(test.Vpg);
                    if (selected && paired.FirstSight(test))
                    {
                        tests.Add(test);
                    }
                }

                if (zvm.Namer != null && (_filter != null || _latest))
                {
                    if (_filter != null)
                    {
                        await _filter.LookForVpgsAsync(zvm.Session, zvm.Namer).ConfigureAwait(false);
                    }

                    if (_latest)
                    {
                        NameTable vpgs = await zvm.Namer.VpgTableAsync().ConfigureAwait(false);
                        if (vpgs.Failure != null && _filter == null)
                        {
                            outbox.Error(ErrorRecords.From(VpgFilter.LookupFailed(zvm.Session, vpgs.Failure)));
                        }

                        DateTime? start = await zvm.HistoryStartAsync(outbox).ConfigureAwait(false);
                        zvms.Add(new ListedVpgs(zvm.Session.Server, vpgs.Names, vpgs.Extra, start));
                    }
                }
            }

            return (tests, zvms);
        }

        /// <summary>One ZVM of the listing: its tasks, and what is asked beside them.</summary>
        private sealed class ZvmTests
        {
            private readonly NamedEntities _named;
            private readonly bool _latest;
            private readonly DateTime? _startedAfter;
            private readonly object _gate = new object();
            private Task<List<RecoveryReport>?>? _reports;
            private Task<DateTime?>? _historyStart;
            private readonly CancellationToken _cancellation;

            public ZvmTests(ZvmSession session, NamedEntities named, bool latest, DateTime? startedAfter, CancellationToken cancellation)
            {
                _cancellation = cancellation;
                Session = session;
                Failures = new LookupFailures(session);
                _named = named;
                _latest = latest;
                _startedAfter = startedAfter;
            }

            public ZvmSession Session { get; }

            public LookupFailures Failures { get; }

            public TestRebuilder Rebuilder { get; } = new TestRebuilder();

            public TaskNamer? Namer { get; private set; }

            public FleetProgress? Progress { get; set; }

            /// <summary>Whether the ZVM's reads have started (the listing was not stopped before its slot came).</summary>
            public bool Begun { get; private set; }

            /// <summary>As the ZVM's first read starts, in its slot: the look-ups, the reports and the history's start.</summary>
            public void Begin(PipelineOutbox outbox)
            {
                lock (_gate)
                {
                    if (Begun)
                    {
                        return;
                    }

                    Begun = true;
                    Namer = _named == NamedEntities.None ? null : TaskNamer.Begin(Session, _named, outbox, Failures);
                    _reports = ReadReportsAsync(outbox, _cancellation);
                    _historyStart = _latest ? ReadHistoryStartAsync(outbox, _cancellation) : null;
                }
            }

            public void Add(ZvmTask task)
            {
                lock (_gate)
                {
                    Rebuilder.Add(task);
                }
            }

            public Task<List<RecoveryReport>?> ReportsAsync(PipelineOutbox outbox) => _reports ?? Task.FromResult<List<RecoveryReport>?>(null);

            public Task<DateTime?> HistoryStartAsync(PipelineOutbox outbox) => _historyStart ?? Task.FromResult<DateTime?>(null);

            private async Task<List<RecoveryReport>?> ReadReportsAsync(PipelineOutbox outbox, CancellationToken cancellation)
            {
                await Task.Yield();
                try
                {
                    return await RecoveryReportApi.ReadAsync(Session.Client, _startedAfter, outbox, cancellation).ConfigureAwait(false);
                }
                catch (ZvmException e)
                {
                    outbox.WarningIfClaimed(
                        $"Recovery reports of {Session.Server} could not be read ({e.Message.TrimEnd('.')}), so its tests carry no tester's verdict, notes or RTO: their results come from the tasks alone. " +
                        "This warning is given once per session; -Verbose shows later failures.",
                        SessionHistory.Of(Session).ClaimReportWarning);
                    return null;
                }
            }

            private async Task<DateTime?> ReadHistoryStartAsync(PipelineOutbox outbox, CancellationToken cancellation)
            {
                await Task.Yield();
                try
                {
                    return await SessionHistory.Of(Session).StartDayAsync(Session, outbox, cancellation).ConfigureAwait(false);
                }
                catch (ZvmException e)
                {
                    outbox.Verbose($"{Session.Server}: where its task history starts could not be found: {e.Message}");
                    return null;
                }
            }
        }

        /// <summary>One of the two requests to one ZVM: its tasks go to the ZVM's tests, not to the pipeline.</summary>
        private sealed class TestTaskRead : TaskListRead
        {
            private readonly ZvmTests _zvm;

            public TestTaskRead(ZvmTests zvm, TaskQuery query)
                : base(zvm.Session, query) => _zvm = zvm;

            public override void Begin(PipelineOutbox outbox) => _zvm.Begin(outbox);

            public override async ValueTask<bool> AdmitAsync(ZvmTask task)
            {
                _zvm.Progress?.TaskRead();
                if (_zvm.Namer != null)
                {
                    await _zvm.Namer.NameAsync(task).ConfigureAwait(false);
                }

                _zvm.Add(task);
                return false;
            }
        }
    }
}
