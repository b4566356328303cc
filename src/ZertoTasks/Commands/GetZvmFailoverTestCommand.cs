using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System;
using ZertoTasks.FailoverTests;
using ZertoTasks.Hosting;
using ZertoTasks.Listing;
using ZertoTasks.Names;
using ZertoTasks.Parameters;
using ZertoTasks.Transport;

namespace ZertoTasks.Commands
{
    /// <summary>
    /// The failover tests of the sessions' VPGs, rebuilt from their FailOverTest and
    /// StopFailOverTest tasks (<see cref="FailoverTestListing"/>); with -Latest, one row per VPG
    /// with its last test, its last passed test and whether it is overdue.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ZvmFailoverTest", DefaultParameterSetName = ListSet,
        HelpUri = "https://github.com/ZertoTasks/ZertoTasks/blob/main/docs/en-US/Get-ZvmFailoverTest.md")]
    [OutputType(typeof(ZvmFailoverTest), ParameterSetName = new[] { ListSet })]
    [OutputType(typeof(ZvmVpgTestStatus), ParameterSetName = new[] { LatestSet })]
    public sealed class GetZvmFailoverTestCommand : ZvmSessionCmdlet
    {
        private const string ListSet = "List";
        private const string LatestSet = "Latest";

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

            bool latest = Latest.IsPresent;
            VpgFilter? filter = Vpg == null ? null : new VpgFilter(Vpg);
            NamedEntities named = latest || !SkipNameLookup || filter != null ? NamedEntities.Vpgs : NamedEntities.None;
            var listing = new FailoverTestListing(_listed, Window(), filter, named, latest) { ThrottleLimit = ThrottleLimit };
            int withinDays = WithinDays;
            RunWorkerWritingErrors(async (outbox, cancellation) =>
            {
                var (tests, zvms) = await listing.RunAsync(outbox, cancellation).ConfigureAwait(false);
                foreach (KeyValuePair<ZvmSession, string> failed in filter?.LookupFailures() ?? new KeyValuePair<ZvmSession, string>[0])
                {
                    outbox.Error(ErrorRecords.From(VpgFilter.LookupFailed(failed.Key, failed.Value)));
                }

                foreach (string value in filter?.NotFound() ?? new string[0])
                {
                    outbox.Error(ErrorRecords.From(new ZvmException(
                        ErrorIds.VpgNotFound,
                        ZvmErrorCategory.ObjectNotFound,
                        $"No VPG of {string.Join(", ", _listed.Select(session => session.Server))} has the name or identifier '{value}', and no test names it.",
                        value)));
                }

                IEnumerable<object> output = latest
                    ? LatestTests.Build(zvms, tests, withinDays, DateTime.Now, vpg => filter == null || filter.Matches(vpg)).Cast<object>()
                    : tests.Cast<object>();
                foreach (object item in output)
                {
                    await outbox.OutputAsync(item).ConfigureAwait(false);
                }
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
