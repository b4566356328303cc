using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// The merge stage: the answers to a ZVM's several queries (a -Type or -Status plan) as one
    /// stream. All the requests are sent at once; the answers are read one after the other, in
    /// the order of the queries, each waiting in its connection meanwhile.
    /// </summary>
    internal sealed class MergedTasks : ITaskSource
    {
        private readonly List<ITaskSource> _answers;
        private int _current;

        public MergedTasks(IEnumerable<ITaskSource> answers) => _answers = new List<ITaskSource>(answers);

        /// <summary>The tasks of every query of <paramref name="plan"/> for one session.</summary>
        public static ITaskSource Of(ZvmSession session, TaskQueryPlan plan, CancellationToken cancellation)
        {
            var answers = new List<ITaskSource>(plan.Queries.Count);
            foreach (TaskQuery query in plan.Queries)
            {
                answers.Add(new QueryTasks(session, query, cancellation));
            }

            return answers.Count == 1 ? answers[0] : new MergedTasks(answers);
        }

        public void Start(IListingOutput output) => _answers.ForEach(answer => answer.Start(output));

        public ValueTask<ZvmTask?> ReadNextAsync()
        {
            while (_current < _answers.Count)
            {
                ValueTask<ZvmTask?> next = _answers[_current].ReadNextAsync();
                if (!next.IsCompletedSuccessfully)
                {
                    return NextWhenReadAsync(next);
                }

                if (next.Result != null)
                {
                    return next;
                }

                _current++;
            }

            return default;
        }

        private async ValueTask<ZvmTask?> NextWhenReadAsync(ValueTask<ZvmTask?> pending)
        {
            ZvmTask? task;
            try
            {
                task = await pending.ConfigureAwait(false);
            }
            catch (ZvmException)
            {
                // That answer has ended; the next call goes on with the others.
                _current++;
                throw;
            }

            if (task != null)
            {
                return task;
            }

            _current++;
            return await ReadNextAsync().ConfigureAwait(false);
        }

        public void Dispose() => _answers.ForEach(answer => answer.Dispose());
    }
}
