using System;
using System.Collections.Generic;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// Keeps the <see cref="Capacity"/> most recently started of the tasks offered to it, in
    /// memory bounded by that number whatever the history's size: a min-heap on Started whose
    /// root, the oldest kept, is the one a newer task replaces. A task without a start time is
    /// older than any other. Offers may come from several threads.
    /// </summary>
    internal sealed class NewestTasks
    {
        private readonly object _gate = new object();
        private Entry[] _heap;
        private int _count;
        private long _offered;

        public NewestTasks(int capacity)
        {
            if (capacity < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(capacity));
            }

            // A small first array: -Newest 100000 on a quiet ZVM should not reserve 100,000 slots.
            _heap = new Entry[Math.Min(capacity, 1024)];
            Capacity = capacity;
        }

        public int Capacity { get; }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        /// <summary>Keeps <paramref name="task"/> if it is among the newest so far.</summary>
        public void Offer(ZvmTask task)
        {
            lock (_gate)
            {
                var entry = new Entry(task, _offered++);
                if (_count < Capacity)
                {
                    Grow();
                    _heap[_count] = entry;
                    Up(_count++);
                }
                else if (Older(_heap[0], entry))
                {
                    _heap[0] = entry;
                    Down(0);
                }
            }
        }

        /// <summary>The tasks kept, newest first; of two that started at the same time, the first offered first.</summary>
        public List<ZvmTask> NewestFirst()
        {
            lock (_gate)
            {
                var entries = new List<Entry>(_count);
                for (int i = 0; i < _count; i++)
                {
                    entries.Add(_heap[i]);
                }

                entries.Sort((a, b) => Older(a, b) ? 1 : Older(b, a) ? -1 : 0);
                return entries.ConvertAll(entry => entry.Task);
            }
        }

        // Of two equal start times, the later offered counts as older: it goes first.
        private static bool Older(Entry a, Entry b) => a.Started < b.Started || (a.Started == b.Started && a.Order > b.Order);

        private void Grow()
        {
            if (_count == _heap.Length)
            {
                Array.Resize(ref _heap, (int)Math.Min(Capacity, _heap.Length * 2L));
            }
        }

        private void Up(int i)
        {
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (!Older(_heap[i], _heap[parent]))
                {
                    return;
                }

                Swap(i, parent);
                i = parent;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                int oldest = i;
                int left = (2 * i) + 1;
                if (left < _count && Older(_heap[left], _heap[oldest]))
                {
                    oldest = left;
                }

                if (left + 1 < _count && Older(_heap[left + 1], _heap[oldest]))
                {
                    oldest = left + 1;
                }

                if (oldest == i)
                {
                    return;
                }

                Swap(i, oldest);
                i = oldest;
            }
        }

        private void Swap(int a, int b)
        {
            Entry saved = _heap[a];
            _heap[a] = _heap[b];
            _heap[b] = saved;
        }

        private readonly struct Entry
        {
            public Entry(ZvmTask task, long order)
            {
                Task = task;
                Order = order;
                Started = task.Started?.ToUniversalTime().Ticks ?? long.MinValue;
            }

            public ZvmTask Task { get; }

            public long Order { get; }

            public long Started { get; }
        }
    }
}
