using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Merges the answers of a ZVM's several queries (one per state or type) into one stream in
    /// start order, as they stream, holding at most two tasks of each answer. ZVMs have been seen
    /// to send each answer in start order (newest first; a simulator's generated history oldest
    /// first): the merge follows the order the answers show. An answer that breaks that order,
    /// or answers that disagree, end the merge: what is left comes answer after answer, in the
    /// order of the queries (<see cref="FellBack"/>). A <see cref="ZvmException"/> ends one
    /// answer: it is thrown once that answer's tasks read before it have been given, and the
    /// calls after it go on with the other answers.
    /// </summary>
    internal sealed class StartOrderMerge
    {
        private readonly IReadOnlyList<Func<ValueTask<ZvmTask?>>> _sources;
        private readonly Head[] _heads;
        private bool _started;

        /// <param name="sources">each query's next task, null at its end, in the order of the queries</param>
        public StartOrderMerge(IReadOnlyList<Func<ValueTask<ZvmTask?>>> sources)
        {
            _sources = sources;
            _heads = new Head[sources.Count];
        }

        /// <summary>Whether an answer was out of order, so that the rest came in the order of the queries.</summary>
        public bool FellBack { get; private set; }

        /// <summary>-1: newest first; 1: oldest first; 0: not known yet (no answer has shown two different starts).</summary>
        public int Direction { get; private set; }

        /// <summary>The next task of all the answers; null once all have ended.</summary>
        public async ValueTask<ZvmTask?> NextAsync()
        {
            if (!_started)
            {
                _started = true;
                await StartAsync().ConfigureAwait(false);
            }

            foreach (Head ended in _heads)
            {
                if (ended.First == null && ended.Failure is ZvmException failure)
                {
                    ended.Failure = null;
                    throw failure;
                }
            }

            if (FellBack)
            {
                return await NextInQueryOrderAsync().ConfigureAwait(false);
            }

            int best = -1;
            for (int i = 0; i < _heads.Length; i++)
            {
                if (_heads[i].First != null && (best < 0 || Compare(_heads[i].First!, _heads[best].First!) < 0))
                {
                    best = i;
                }
            }

            if (best < 0)
            {
                return null;
            }

            Head head = _heads[best];
            ZvmTask next = head.First!;
            head.First = head.Second;
            head.Second = null;
            if (head.First != null)
            {
                head.Second = await ReadAsync(best).ConfigureAwait(false);
                Learn(head);
            }

            return next;
        }

        // The first two tasks of every answer, all asked for at once; their order is the merge's.
        private async Task StartAsync()
        {
            var firsts = new ValueTask<ZvmTask?>[_heads.Length];
            for (int i = 0; i < _heads.Length; i++)
            {
                _heads[i] = new Head();
                firsts[i] = ReadAsync(i);
            }

            for (int i = 0; i < _heads.Length; i++)
            {
                Head head = _heads[i];
                head.First = await firsts[i].ConfigureAwait(false);
                if (!head.Ended)
                {
                    head.Second = await ReadAsync(i).ConfigureAwait(false);
                }
            }

            foreach (Head head in _heads)
            {
                Learn(head);
            }
        }

        // Takes the order a head's two tasks show, or falls back when it contradicts the merge's.
        private void Learn(Head head)
        {
            if (head.First == null || head.Second == null)
            {
                return;
            }

            int order = Math.Sign(Nullable.Compare(head.Second.Started, head.First.Started));
            if (order == 0)
            {
                return;
            }

            if (Direction == 0)
            {
                Direction = order;
            }
            else if (order != Direction)
            {
                FellBack = true;
            }
        }

        // The next task of one answer; null at its end, or when it failed (its error is kept for the next call).
        private async ValueTask<ZvmTask?> ReadAsync(int index)
        {
            ZvmTask? task;
            try
            {
                task = await _sources[index]().ConfigureAwait(false);
            }
            catch (ZvmException e)
            {
                _heads[index].Failure = e;
                task = null;
            }

            _heads[index].Ended |= task == null;
            return task;
        }

        private async ValueTask<ZvmTask?> NextInQueryOrderAsync()
        {
            for (int i = 0; i < _heads.Length; i++)
            {
                Head head = _heads[i];
                if (head.First != null)
                {
                    ZvmTask next = head.First;
                    head.First = head.Second;
                    head.Second = null;
                    return next;
                }

                if (!head.Ended && await ReadAsync(i).ConfigureAwait(false) is ZvmTask task)
                {
                    return task;
                }

                if (head.Failure is ZvmException failure)
                {
                    head.Failure = null;
                    throw failure;
                }
            }

            return null;
        }

        // < 0 when a comes before b: newest first unless the answers show oldest first; a missing start is the oldest.
        private int Compare(ZvmTask a, ZvmTask b) => (Direction == 0 ? -1 : Direction) * Nullable.Compare(a.Started, b.Started);

        private sealed class Head
        {
            public ZvmTask? First { get; set; }

            public ZvmTask? Second { get; set; }

            public bool Ended { get; set; }

            // Why the answer ended early, until it is thrown.
            public ZvmException? Failure { get; set; }
        }
    }
}
