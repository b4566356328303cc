using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ZertoTasks.Listing;
using ZertoTasks.Names;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// What Get-ZvmFailoverTest writes, once its ZVMs' listings have ended: each ZVM's tests (in
    /// the order of the sessions, each ZVM's oldest first) that -Vpg selects, a test seen from
    /// both ZVMs of a pair once; with -Latest, one row per VPG the ZVMs list instead.
    /// </summary>
    internal static class TestCollection
    {
        public static async Task<List<object>> CollectAsync(IReadOnlyList<RebuildTests> zvms, VpgFilter? filter, bool latest, int withinDays, IListingOutput output)
        {
            var paired = new PairedTests();
            var tests = new List<ZvmFailoverTest>();
            var listed = new List<ListedVpgs>();
            foreach (RebuildTests zvm in zvms)
            {
                if (!zvm.Started)
                {
                    continue;
                }

                foreach (ZvmFailoverTest test in await zvm.FinishAsync().ConfigureAwait(false))
                {
                    // Every test is offered to -Vpg, so that each value learns whether it matched.
                    if ((filter == null || filter.Matches(test.Vpg)) && paired.FirstSight(test))
                    {
                        tests.Add(test);
                    }
                }

                if (zvm.Namer is TaskNamer namer)
                {
                    if (filter != null)
                    {
                        await filter.LookForVpgsAsync(zvm.Session, namer).ConfigureAwait(false);
                    }

                    if (latest)
                    {
                        NameTable vpgs = await namer.VpgTableAsync().ConfigureAwait(false);
                        if (vpgs.Failure != null && filter == null)
                        {
                            output.WriteError(VpgFilter.LookupFailed(zvm.Session, vpgs.Failure));
                        }

                        listed.Add(new ListedVpgs(zvm.Session.Server, vpgs.Names, vpgs.Extra, await zvm.HistoryStartAsync().ConfigureAwait(false)));
                    }
                }
            }

            if (!latest)
            {
                return tests.ConvertAll(test => (object)test);
            }

            return LatestTests.Build(listed, tests, withinDays, DateTime.Now, vpg => filter == null || filter.Matches(vpg)).ConvertAll(row => (object)row);
        }
    }
}
