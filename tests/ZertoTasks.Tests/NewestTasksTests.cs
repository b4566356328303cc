using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using ZertoTasks.Listing;

namespace ZertoTasks.Tests
{
    public class NewestTasksTests
    {
        private static readonly DateTime Start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

        private static ZvmTask Task(int minutes, string? id = null) =>
            new ZvmTask { TaskIdentifier = id ?? minutes.ToString(), Started = Start.AddMinutes(minutes).ToLocalTime() };

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Keeps_the_n_most_recently_started_newest_first_whatever_the_order(bool oldestFirst)
        {
            var newest = new NewestTasks(5);
            var minutes = Enumerable.Range(0, 10_000).Select(i => oldestFirst ? i : 9_999 - i);
            foreach (int minute in minutes)
            {
                newest.Offer(Task(minute));
            }

            Assert.Equal(new[] { "9999", "9998", "9997", "9996", "9995" }, newest.NewestFirst().Select(task => task.TaskIdentifier));
        }

        [Fact]
        public void Shuffled_input_gives_the_same_answer_as_sorting_everything()
        {
            var random = new Random(42);
            var tasks = Enumerable.Range(0, 2_000).Select(i => Task(random.Next(500), "t" + i)).ToList();
            var newest = new NewestTasks(37);
            tasks.ForEach(newest.Offer);
            var sorted = tasks.Select((task, order) => (task, order))
                .OrderByDescending(pair => pair.task.Started).ThenBy(pair => pair.order).Take(37).Select(pair => pair.task.TaskIdentifier);
            Assert.Equal(sorted, newest.NewestFirst().Select(task => task.TaskIdentifier));
        }

        [Fact]
        public void A_task_without_a_start_time_is_older_than_any_other()
        {
            var newest = new NewestTasks(2);
            newest.Offer(new ZvmTask { TaskIdentifier = "none" });
            newest.Offer(Task(1));
            newest.Offer(Task(0));
            Assert.Equal(new[] { "1", "0" }, newest.NewestFirst().Select(task => task.TaskIdentifier));
        }

        [Fact]
        public void Fewer_tasks_than_asked_are_all_kept()
        {
            var newest = new NewestTasks(100_000);
            newest.Offer(Task(3));
            newest.Offer(Task(7));
            Assert.Equal(2, newest.Count);
            Assert.Equal(new[] { "7", "3" }, newest.NewestFirst().Select(task => task.TaskIdentifier));
        }

        [Fact]
        public void Offers_from_several_threads_lose_nothing()
        {
            var newest = new NewestTasks(100);
            Parallel.For(0, 20_000, i => newest.Offer(Task(i)));
            Assert.Equal(Enumerable.Range(19_900, 100).Reverse().Select(i => i.ToString()), newest.NewestFirst().Select(task => task.TaskIdentifier));
        }
    }
}
