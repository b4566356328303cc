using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using ZertoTasks.Listing;

namespace ZertoTasks.Tests
{
    public class StartOrderMergeTests
    {
        private static readonly DateTime Start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Local);

        private static ZvmTask Task(int minute, string answer) =>
            new ZvmTask { TaskIdentifier = $"{answer}{minute}", Started = Start.AddMinutes(minute) };

        // An answer as a reader gives it, counting how far ahead of the merge it has been read.
        private sealed class Answer
        {
            private readonly Queue<ZvmTask> _tasks;

            public Answer(string name, params int[] minutes) => _tasks = new Queue<ZvmTask>(minutes.Select(m => Task(m, name)));

            public int Read { get; private set; }

            public ValueTask<ZvmTask?> NextAsync()
            {
                if (_tasks.Count == 0)
                {
                    return new ValueTask<ZvmTask?>((ZvmTask?)null);
                }

                Read++;
                return new ValueTask<ZvmTask?>(_tasks.Dequeue());
            }
        }

        internal static async Task<List<string>> Drain(StartOrderMerge merge, Action? afterEach = null)
        {
            var order = new List<string>();
            while (await merge.NextAsync() is ZvmTask task)
            {
                order.Add(task.TaskIdentifier);
                afterEach?.Invoke();
            }

            return order;
        }

        [Fact]
        public async Task Answers_newest_first_merge_newest_first()
        {
            var merge = new StartOrderMerge(new Func<ValueTask<ZvmTask?>>[] { new Answer("f", 9, 5, 1).NextAsync, new Answer("s", 8, 7, 2).NextAsync });
            Assert.Equal(new[] { "f9", "s8", "s7", "f5", "s2", "f1" }, await Drain(merge));
            Assert.Equal(-1, merge.Direction);
            Assert.False(merge.FellBack);
        }

        [Fact]
        public async Task Answers_oldest_first_merge_oldest_first()
        {
            var merge = new StartOrderMerge(new Func<ValueTask<ZvmTask?>>[] { new Answer("f", 1, 5, 9).NextAsync, new Answer("s", 2, 7, 8).NextAsync, new Answer("x").NextAsync });
            Assert.Equal(new[] { "f1", "s2", "f5", "s7", "s8", "f9" }, await Drain(merge));
            Assert.Equal(1, merge.Direction);
        }

        [Fact]
        public async Task Holds_at_most_two_tasks_of_each_answer()
        {
            var a = new Answer("a", Enumerable.Range(0, 1000).Select(i => 2000 - 2 * i).ToArray());
            var b = new Answer("b", Enumerable.Range(0, 1000).Select(i => 1999 - 2 * i).ToArray());
            var merge = new StartOrderMerge(new Func<ValueTask<ZvmTask?>>[] { a.NextAsync, b.NextAsync });
            int written = 0;
            List<string> order = await Drain(merge, () =>
            {
                written++;
                Assert.True(a.Read + b.Read - written <= 4, $"{a.Read + b.Read - written} tasks held");
            });
            Assert.Equal(2000, order.Count);
        }

        [Fact]
        public async Task An_answer_out_of_order_falls_back_to_the_order_of_the_queries_losing_nothing()
        {
            var merge = new StartOrderMerge(new Func<ValueTask<ZvmTask?>>[] { new Answer("f", 9, 5, 7, 1).NextAsync, new Answer("s", 8, 2).NextAsync });
            List<string> order = await Drain(merge);
            Assert.True(merge.FellBack);
            Assert.Equal(new[] { "f1", "f5", "f7", "f9", "s2", "s8" }, order.OrderBy(id => id));
            Assert.Equal(6, order.Distinct().Count());
            // Once out of order, the rest of the first answer comes before the rest of the second.
            int afterFallback = order.IndexOf("f7");
            Assert.True(order.IndexOf("f1") < order.IndexOf("s2") || order.IndexOf("s2") < afterFallback);
        }

        [Fact]
        public async Task Answers_that_disagree_fall_back_at_once()
        {
            var merge = new StartOrderMerge(new Func<ValueTask<ZvmTask?>>[] { new Answer("f", 1, 5).NextAsync, new Answer("s", 8, 2).NextAsync });
            Assert.Equal(new[] { "f1", "f5", "s8", "s2" }, await Drain(merge));
            Assert.True(merge.FellBack);
        }

        [Fact]
        public async Task Equal_starts_and_single_tasks_need_no_order()
        {
            var merge = new StartOrderMerge(new Func<ValueTask<ZvmTask?>>[] { new Answer("f", 3).NextAsync, new Answer("s", 4, 4).NextAsync, new Answer("t").NextAsync });
            Assert.Equal(new[] { "s4", "s4", "f3" }, await Drain(merge));
            Assert.False(merge.FellBack);
        }
    
        [Fact]
        public async Task A_failed_answer_is_thrown_after_the_tasks_taken_before_it_and_the_others_go_on()
        {
            var merge = new StartOrderMerge(new Func<ValueTask<ZvmTask?>>[] { Failing(), new Answer("s", 8, 7, 2).NextAsync });
            var order = new List<string>();
            while (true)
            {
                try
                {
                    if (await merge.NextAsync() is not ZvmTask task)
                    {
                        break;
                    }

                    order.Add(task.TaskIdentifier);
                }
                catch (ZvmException e)
                {
                    order.Add("error " + e.ErrorId);
                }
            }

            Assert.Equal(new[] { "f9", "s8", "s7", "f6", "error ZvmUnreachable", "s2" }, order);
        }

        private static Func<ValueTask<ZvmTask?>> Failing()
        {
            var steps = new Queue<ZvmTask?>(new[] { Task(9, "f"), Task(6, "f"), null });
            return () =>
            {
                ZvmTask? next = steps.Dequeue();
                return next != null ? new ValueTask<ZvmTask?>(next)
                    : throw new ZvmException(ErrorIds.ZvmUnreachable, ZvmErrorCategory.ConnectionError, "lost", "zvm");
            };
        }
    }
}
