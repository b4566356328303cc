using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Listing;
using ZertoTasks.Transport;

namespace ZertoTasks.Watching
{
    /// <summary>
    /// One ZVM followed by polls: the listing's first stages (<see cref="QueryTasks"/> for each
    /// query of the <see cref="PollPlan"/>, <see cref="MergedTasks"/>) and then this room's own,
    /// the <see cref="ChangeDetector"/>. A poll reads every answer whole before it looks for
    /// changes, so a poll that fails changes nothing: the next one asks the same windows again and
    /// catches up on what happened meanwhile. Every answer's Date header tells the ZVM's clock,
    /// which -Since and the stop time are moved to.
    /// </summary>
    internal sealed class ZvmWatch
    {
        private const string ClockProbe = "v1/tasks/types";

        private readonly WatchRules _rules;
        private readonly DateTime? _since;
        private readonly DateTime? _until;
        private bool _first = true;

        /// <param name="since">-Since, this machine's time</param>
        /// <param name="until">the stop time, this machine's</param>
        public ZvmWatch(ZvmSession session, WatchRules rules, DateTime? since, DateTime? until)
        {
            Session = session;
            _rules = rules;
            _since = since;
            _until = until;
            Seen = new ChangeDetector(rules);
        }

        public ZvmSession Session { get; }

        public ZvmClock Clock { get; } = new ZvmClock();

        public ChangeDetector Seen { get; }

        /// <summary>Polls done, and tasks read in them: for -Verbose and the bench.</summary>
        public int Polls { get; private set; }

        public long TasksRead { get; private set; }

        /// <summary>One poll: the changes since the last one, in the order they happened.</summary>
        public async Task<List<ZvmTaskChange>> PollAsync(IListingOutput output, CancellationToken cancellation)
        {
            if (!Seen.HasBegun)
            {
                await ProbeClockAsync(output, cancellation).ConfigureAwait(false);
                Seen.Begin(Clock.ZvmNow(DateTime.UtcNow), _since.HasValue ? Clock.ToZvm(_since.Value) : (DateTime?)null);
                if (Clock.Offset != TimeSpan.Zero)
                {
                    output.Verbose($"{Session.Server}: the ZVM's clock is {Clock.Offset.TotalSeconds:+0.0;-0.0} s from this machine's; -Since and the stop time are moved by as much.");
                }
            }

            PollPlan plan = PollPlan.Next(Seen, _rules, _first);
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            Task<List<ZvmTask>> reads = ReadEachAsync(plan.Reads, output, failed);
            List<ZvmTask> tasks;
            try
            {
                tasks = await ReadListsAsync(plan.Queries, output, failed.Token).ConfigureAwait(false);
            }
            catch
            {
                // The poll has failed: the reads by id need not go on.
                failed.Cancel();
                await Task.WhenAny(reads).ConfigureAwait(false);
                throw;
            }

            tasks.AddRange(await reads.ConfigureAwait(false));
            TasksRead += tasks.Count;
            Polls++;
            _first = false;
            output.Debug($"{Session.Server}: poll {Polls} read {tasks.Count} task(s) in {plan.Queries.Count} list(s) and {plan.Reads.Count} read(s).");
            return Seen.Observe(tasks, plan.AsksAllRunning, _until.HasValue ? Clock.ToZvm(_until.Value) : (DateTime?)null, plan.StatesAsked);
        }

        // The queries, sent at once and read whole; the first answer that fails fails the poll.
        private async Task<List<ZvmTask>> ReadListsAsync(IReadOnlyList<TaskQuery> queries, IListingOutput output, CancellationToken cancellation)
        {
            Action<HttpResponseMessage> observe = Observed();
            using var source = new MergedTasks(queries.Select(query => (ITaskSource)new QueryTasks(Session, query, cancellation, observe)));
            source.Start(output);
            var tasks = new List<ZvmTask>();
            while (await source.ReadNextAsync().ConfigureAwait(false) is ZvmTask task)
            {
                tasks.Add(task);
            }

            return tasks;
        }

        // A read of each task by id, one after the other; a task the ZVM no longer knows is forgotten.
        private async Task<List<ZvmTask>> ReadEachAsync(IReadOnlyList<string> identifiers, IListingOutput output, CancellationTokenSource failed)
        {
            var tasks = new List<ZvmTask>();
            try
            {
                foreach (string identifier in identifiers)
                {
                    try
                    {
                        tasks.Add(await TaskEndpoints.GetTaskAsync(Session, identifier, output, failed.Token).ConfigureAwait(false));
                    }
                    catch (ZvmException e) when (e.ErrorId == ErrorIds.TaskNotFound)
                    {
                        output.Verbose($"{Session.Server} no longer knows task {identifier}: it is no longer followed.");
                        Seen.Forget(identifier);
                    }
                }
            }
            catch
            {
                failed.Cancel();
                throw;
            }

            return tasks;
        }

        // The windows of the first poll start on the ZVM's clock: one small answer tells it.
        private Task ProbeClockAsync(IZvmLog log, CancellationToken cancellation)
        {
            ZvmClient client = Session.Client;
            Action<HttpResponseMessage> observe = Observed();
            return client.GetAsync(ClockProbe, client.Server, async response =>
            {
                using (response)
                {
                    observe(response);
                    return await ResponseBody.ReadSmallAsync(response, client, cancellation).ConfigureAwait(false);
                }
            }, log, cancellation);
        }

        // Notes the Date header of an answer to a request sent now.
        private Action<HttpResponseMessage> Observed()
        {
            DateTime sent = DateTime.UtcNow;
            return response => Clock.Observe(response.Headers.Date, sent, DateTime.UtcNow);
        }
    }
}
