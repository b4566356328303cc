using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ZertoTasks.FailoverTests;
using ZertoTasks.Hosting;
using ZertoTasks.Listing;
using ZertoTasks.Names;
using ZertoTasks.Parameters;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// The failover tests of the sessions' VPGs. Each ZVM is asked for its FailOverTest and
    /// StopFailOverTest tasks only (two server-side filtered queries, merged); its line of stages
    /// counts them for progress, names their VPGs and rebuilds the tests (<see cref="RebuildTests"/>);
    /// <see cref="TestCollection"/> then selects, pairs and, with -Latest, sums them up per VPG.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZvmFailoverTest", DefaultParameterSetName = ListSet,
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Get-ZvmFailoverTest.md")]
    [OutputType(typeof(ZvmFailoverTest), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(ZvmVpgTestStatus), ParameterSetName = new[] { LatestSet })]
    public sealed class GetZvmFailoverTestCommand : ZvmSessionCmdlet
    {
        private const string ListSet = "List";
        private const string LatestSet = "Latest";

        private static readonly ZvmTaskType[] TestTypes = { ZvmTaskType.FailOverTest, ZvmTaskType.StopFailOverTest };

        private readonly List<ZvmSession> _listed = new List<ZvmSession>();

        /// <summary>Only the tests of these VPGs, by name or identifier; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(Completion.VpgCompleter))]
        public string[]? Vpg { get; set; }

        /// <summary>Only tests that started after this time.</summary>
        [Parameter]
        public DateTime StartedAfter { get; set; }

        /// <summary>Only tests that started before this time.</summary>
        [Parameter]
        public DateTime StartedBefore { get; set; }

        /// <summary>One row per VPG of the sessions, with its last test and whether it is overdue.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LatestSet)]
        public SwitchParameter Latest { get; set; }

        /// <summary>With -Latest: a VPG is overdue when no test of it passed within this many days (default 90).</summary>
        [Parameter(ParameterSetName = LatestSet)]
        [ValidateRange(1, 36500)]
        public int WithinDays { get; set; } = LatestTests.DefaultWithinDays;

        /// <summary>No look-up of VPG names: tests carry VPG identifiers only (names are still looked up for -Vpg).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter SkipNameLookup { get; set; }

        /// <summary>Sessions to read, piped or given; the default session otherwise.</summary>
        [Parameter(ValueFromPipeline = true)]
        [Alias("Server")]
        [ValidateNotNullOrEmpty]
        [SessionTransformation]
        [ArgumentCompleter(typeof(Completion.SessionCompleter))]
        public override ZvmSession[]? Session { get; set; }

        /// <summary>How many ZVMs are read at the same time, at most.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = GetZvmTaskCommand.DefaultThrottleLimit;

        /// <inheritdoc/>
        protected override void BeginProcessing() => Window();

        /// <inheritdoc/>
        protected override void ProcessRecord() => ResolveSessions().ForEach(session => AddOnce(_listed, session));

        /// <inheritdoc/>
        protected override void EndProcessing()
        {
            if (_listed.Count == 0)
            {
                return;
            }

            TaskQuery window = Window();
            TaskQueryPlan plan = TaskQueryPlan.For(window, TestTypes, new ZvmTaskState[0]);
            bool latest = Latest.IsPresent;
            int withinDays = WithinDays;
            VpgFilter? filter = VpgValues.FilterOf(Vpg);
            NamedEntities named = latest || !SkipNameLookup || filter != null ? NamedEntities.Vpgs : NamedEntities.None;
            FleetProgress? progress = _listed.Count > 1 ? new FleetProgress(_listed.Count) : null;
            Dictionary<ZvmSession, LookupFailures> failures = _listed.ToDictionary(session => session, session => new LookupFailures(session));
            RunWorkerWritingErrors(async (bridge, cancellation) =>
            {
                var rebuilds = new List<RebuildTests>();
                var listing = new FleetListing(_listed.ConvertAll(session =>
                {
                    var stages = new List<TaskStage>();
                    if (progress != null)
                    {
                        stages.Add(progress.Counts);
                    }

                    NameTasks? names = named == NamedEntities.None ? null : new NameTasks(session, named, failures[session]);
                    if (names != null)
                    {
                        stages.Add(names);
                    }

                    var rebuild = new RebuildTests(session, names, latest, window.StartedAfter, cancellation);
                    rebuilds.Add(rebuild);
                    stages.Add(rebuild);
                    return new ZvmListing(session, MergedTasks.Of(session, plan, cancellation), stages);
                }))
                {
                    ThrottleLimit = ThrottleLimit,
                    ZvmEnded = session =>
                    {
                        progress?.Counts.ZvmDone();
                        failures[session].Report(bridge.WarningOnce);
                    },
                };
                Task reading = listing.RunAsync(bridge, cancellation);
                await (progress == null ? reading : progress.ShowWhileAsync(reading, bridge, cancellation)).ConfigureAwait(false);

                List<object> output = await TestCollection.CollectAsync(rebuilds, filter, latest, withinDays, bridge).ConfigureAwait(false);
                foreach (ZvmException error in filter?.Errors(_listed, ", and no test names it.") ?? new ZvmException[0])
                {
                    bridge.WriteError(error);
                }

                await bridge.WriteAsync(output).ConfigureAwait(false);
            });
        }

        private TaskQuery Window()
        {
            var window = new TaskQuery
            {
                StartedBefore = BoundValue<DateTime>(nameof(StartedBefore)),
                StartedAfter = BoundValue<DateTime>(nameof(StartedAfter)),
            };
            try
            {
                window.Validate();
            }
            catch (ZvmException e)
            {
                ThrowTerminating(e);
            }

            return window;
        }
    }
}
