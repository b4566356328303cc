using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// The merge stage: the answers to a ZVM's several queries (a -Type or -Status plan) as one
    /// stream in start order. All the requests are sent at once, and the answers are merged as
    /// they stream (<see cref="StartOrderMerge"/>), holding two tasks of each: ZVMs have been seen
    /// to send each answer in start order. An answer that is not makes the rest come answer after
    /// answer, in the order of the queries, as <c>-Verbose</c> says.
    /// </summary>
    internal sealed class MergedTasks : ITaskSource
    {
        private readonly List<ITaskSource> _answers;
        private readonly StartOrderMerge _merge;
        private IListingOutput? _output;
        private bool _saidFallback;

        public MergedTasks(IEnumerable<ITaskSource> answers)
        {
            _answers = new List<ITaskSource>(answers);
            _merge = new StartOrderMerge(_answers.Select(answer => (Func<ValueTask<ZvmTask?>>)answer.ReadNextAsync).ToList());
        }

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

        public void Start(IListingOutput output)
        {
            _output = output;
            _answers.ForEach(answer => answer.Start(output));
        }

        public ValueTask<ZvmTask?> ReadNextAsync()
        {
            ValueTask<ZvmTask?> next = _merge.NextAsync();
            if (next.IsCompletedSuccessfully && (!_merge.FellBack || _saidFallback))
            {
                return next;
            }

            return SayingFallbackAsync(next);
        }

        private async ValueTask<ZvmTask?> SayingFallbackAsync(ValueTask<ZvmTask?> pending)
        {
            try
            {
                return await pending.ConfigureAwait(false);
            }
            finally
            {
                if (_merge.FellBack && !_saidFallback)
                {
                    _saidFallback = true;
                    _output?.Verbose("An answer of this ZVM is not in start order: the rest of its tasks come answer after answer, in the order of the queries.");
                }
            }
        }

        public void Dispose() => _answers.ForEach(answer => answer.Dispose());
    }
}
