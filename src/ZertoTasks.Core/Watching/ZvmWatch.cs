using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ZertoTasks.Json;
using ZertoTasks.Listing;
using ZertoTasks.Transport;

namespace ZertoTasks.Watching
{
    /// <summary>
    /// One ZVM followed by polls. A poll sends its plan's requests at once and reads every answer
    /// whole before it looks for changes, so a poll that fails changes nothing: the next one asks
    /// the same windows again and catches up on what happened meanwhile. Every answer's Date
    /// header tells the ZVM's clock, which -Since and the stop time are translated to.
    /// </summary>
    internal sealed class ZvmWatch
    {
        private const string ClockProbe = "v1/tasks/types";

        private readonly WatchRules _rules;
        private readonly DateTime? _since;
        private readonly DateTime? _until;
        private bool _first = true;

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
        public async Task<List<ZvmTaskChange>> PollAsync(IZvmLog log, CancellationToken cancellation)
        {
            if (!Seen.HasBegun)
            {
                // The windows of the first poll start on the ZVM's clock: one small answer tells it.
                ZvmClient client = Session.Client;
                Action<HttpResponseMessage> observe = Observed();
                await client.GetAsync(ClockProbe, client.Server, async response =>
                {
                    using (response)
                    {
                        observe(response);
                        return await ResponseBody.ReadSmallAsync(response, client, cancellation).ConfigureAwait(false);
                    }
                }, log, cancellation).ConfigureAwait(false);
                Seen.Begin(Clock.ZvmNow(DateTime.UtcNow), _since.HasValue ? Clock.ToZvm(_since.Value) : (DateTime?)null);
                if (Clock.Offset != TimeSpan.Zero)
                {
                    log.Verbose($"{Session.Server}: the ZVM's clock is {Clock.Offset.TotalSeconds:+0.0;-0.0} s from this machine's; -Since and the stop time are moved by as much.");
                }
            }

            PollPlan plan = PollPlan.Next(Seen, _rules, _first);
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            var reads = new List<Task<List<ZvmTask>>>();
            reads.AddRange(plan.Queries.Select(query => ReadListAsync(query, log, failed)));
            reads.AddRange(plan.Reads.Select(id => ReadOneAsync(id, log, failed)));
            List<ZvmTask>[] answers = await Task.WhenAll(reads).ConfigureAwait(false);

            List<ZvmTask> tasks = answers.SelectMany(answer => answer).ToList();
            TasksRead += tasks.Count;
            Polls++;
            _first = false;
            log.Debug($"{Session.Server}: poll {Polls} read {tasks.Count} task(s) in {plan.Queries.Count} list(s) and {plan.Reads.Count} read(s).");
            return Seen.Observe(tasks, plan.AsksAllRunning, _until.HasValue ? Clock.ToZvm(_until.Value) : (DateTime?)null);
        }

        private async Task<List<ZvmTask>> ReadListAsync(TaskQuery query, IZvmLog log, CancellationTokenSource failed)
        {
            try
            {
                ZvmClient client = Session.Client;
                Action<HttpResponseMessage> observe = Observed();
                using TaskListReader reader = await client.GetAsync(query.ToRelativeUri(), client.Server, async response =>
                {
                    observe(response);
                    await ResponseErrors.RefuseHtmlAsync(client, response, failed.Token).ConfigureAwait(false);
                    return new TaskListReader(await ResponseBody.OpenAsync(response, client, failed.Token).ConfigureAwait(false), client.Server);
                }, log, failed.Token).ConfigureAwait(false);
                var tasks = new List<ZvmTask>();
                while (await reader.ReadNextAsync().ConfigureAwait(false) is ZvmTask task)
                {
                    tasks.Add(task);
                }

                return tasks;
            }
            catch
            {
                // One failed answer fails the poll: the others need not be read.
                failed.Cancel();
                throw;
            }
        }

        private async Task<List<ZvmTask>> ReadOneAsync(string identifier, IZvmLog log, CancellationTokenSource failed)
        {
            try
            {
                return new List<ZvmTask> { await TaskEndpoints.GetTaskAsync(Session, identifier, log, failed.Token).ConfigureAwait(false) };
            }
            catch (ZvmException e) when (e.ErrorId == ErrorIds.TaskNotFound)
            {
                log.Verbose($"{Session.Server} no longer knows task {identifier}: it is no longer followed.");
                Seen.Forget(identifier);
                return new List<ZvmTask>();
            }
            catch
            {
                failed.Cancel();
                throw;
            }
        }

        // Notes the Date header of an answer to a request sent now.
        private Action<HttpResponseMessage> Observed()
        {
            DateTime sent = DateTime.UtcNow;
            return response => Clock.Observe(response.Headers.Date, sent, DateTime.UtcNow);
        }
    }
}
