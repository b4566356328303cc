using System;
using System.ComponentModel;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using ZertoTasks.Listing;
using ZertoTasks.Names;

namespace ZertoTasks.Tests
{
    public class TaskQueryPlanTests
    {
        private static readonly TaskQuery Window = new TaskQuery { StartedAfter = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };

        private static string[] Uris(TaskQueryPlan plan) => plan.Queries.Select(query => query.ToRelativeUri()).ToArray();

        [Fact]
        public void No_type_or_state_is_one_request_with_nothing_to_describe()
        {
            TaskQueryPlan plan = TaskQueryPlan.For(Window, new ZvmTaskType[0], new ZvmTaskState[0]);
            Assert.Equal(new[] { "v1/tasks?startedAfterDate=2026-11-01T00%3A00%3A00.000Z" }, Uris(plan));
            Assert.Null(plan.Description);
        }

        [Fact]
        public void Each_pair_of_type_and_state_is_one_request_with_the_dates()
        {
            TaskQueryPlan plan = TaskQueryPlan.For(Window, new[] { ZvmTaskType.FailOver, ZvmTaskType.Move }, new[] { ZvmTaskState.Failed, ZvmTaskState.Stopped });
            Assert.Equal(
                new[] { "type=FailOver&status=Failed", "type=FailOver&status=Stopped", "type=Move&status=Failed", "type=Move&status=Stopped" },
                Uris(plan).Select(uri => uri.Substring(uri.IndexOf("&", StringComparison.Ordinal) + 1)));
            Assert.All(plan.Queries, query => Assert.Equal(Window.StartedAfter, query.StartedAfter));
            Assert.All(plan.Queries, query => Assert.Null(query.KeptTypes));
            Assert.False(plan.MayRepeat);
        }

        [Fact]
        public void Past_the_limit_the_filter_with_more_values_is_kept_on_this_side()
        {
            var types = Enumerable.Range(1, 12).Select(n => (ZvmTaskType)n).ToArray();
            TaskQueryPlan plan = TaskQueryPlan.For(new TaskQuery(), types, new[] { ZvmTaskState.Failed });
            Assert.Equal(new[] { "v1/tasks?status=Failed" }, Uris(plan));
            Assert.Equal(types, plan.Queries[0].KeptTypes);
            Assert.Contains("12 types", plan.Description);
        }

        [Fact]
        public void Many_types_and_states_are_asked_by_state_and_kept_by_type()
        {
            var types = Enumerable.Range(1, 20).Select(n => (ZvmTaskType)n).ToArray();
            var states = Enumerable.Range(1, 7).Select(n => (ZvmTaskState)n).ToArray();
            TaskQueryPlan plan = TaskQueryPlan.For(new TaskQuery(), types, states);
            Assert.Equal(states.Select(state => "v1/tasks?status=" + state), Uris(plan));
            Assert.All(plan.Queries, query => Assert.Equal(types, query.KeptTypes));
            var fewerTypes = TaskQueryPlan.For(new TaskQuery(), types.Take(2).ToArray(), new[] { ZvmTaskState.Failed, ZvmTaskState.Paused, ZvmTaskState.Stopped, ZvmTaskState.Completed, ZvmTaskState.InProgress });
            Assert.Equal(new[] { "v1/tasks?type=CreateProtectionGroup", "v1/tasks?type=RemoveProtectionGroup" }, Uris(fewerTypes));
            Assert.False(fewerTypes.MayRepeat);
        }

        [Theory]
        [InlineData(true, ZvmTaskState.InProgress, ZvmTaskState.Completed)]
        [InlineData(true, ZvmTaskState.Paused, ZvmTaskState.InProgress)]
        [InlineData(false, ZvmTaskState.Failed, ZvmTaskState.Stopped)]
        [InlineData(false, ZvmTaskState.InProgress)]
        public void Answers_may_repeat_a_task_only_when_it_can_move_between_two_states_asked(bool mayRepeat, params ZvmTaskState[] states) =>
            Assert.Equal(mayRepeat, TaskQueryPlan.For(new TaskQuery(), new ZvmTaskType[0], states).MayRepeat);

        [Theory]
        [InlineData("FailOver", "Failed", true)]
        [InlineData("failovertest", "Failed", true)]
        [InlineData("Move", "Failed", false)]
        [InlineData("FailOver", "Completed", false)]
        [InlineData("FailOver", "9", false)]
        [InlineData("RecoveryReportGeneration", "Failed", false)]
        public void Keeps_tasks_whose_type_and_state_were_asked(string type, string state, bool kept)
        {
            TaskQuery query = new TaskQuery().With(null, null, new[] { ZvmTaskType.FailOver, ZvmTaskType.FailOverTest }, new[] { ZvmTaskState.Failed, ZvmTaskState.Stopped });
            Assert.Equal(kept, query.Keeps(new ZvmTask { Type = type, State = state }));
        }

        [Fact]
        public void A_query_without_kept_values_keeps_everything() =>
            Assert.True(new TaskQuery().Keeps(new ZvmTask { Type = "SomethingNew", State = "42" }));

        [Fact]
        public async Task Drop_duplicates_passes_a_task_once_whatever_the_case_of_its_id()
        {
            var stage = new DropDuplicates();
            Assert.True(await stage.PassAsync(new ZvmTask { TaskIdentifier = "a.b" }));
            Assert.False(await stage.PassAsync(new ZvmTask { TaskIdentifier = "A.B" }));
            Assert.True(await stage.PassAsync(new ZvmTask { TaskIdentifier = "a.c" }));
        }
    }

    public class FilterNameTests
    {
        [Theory]
        [InlineData("FailOverTst", "FailOverTest")]
        [InlineData("faild", "Failed")]
        [InlineData("Complete", "Completed")]
        [InlineData("Test", "FailOverTest")]
        public void The_closest_names_come_first(string typed, string first) =>
            Assert.Equal(first, ClosestNames.To(typed, Enum.GetNames(typeof(ZvmTaskType)).Concat(Enum.GetNames(typeof(ZvmTaskState)))).First());

        [Fact]
        public void Nothing_close_offers_nothing_and_never_more_than_three()
        {
            Assert.Empty(ClosestNames.To("xyzzy", Enum.GetNames(typeof(ZvmTaskType))));
            Assert.Equal(3, ClosestNames.To("Vra", Enum.GetNames(typeof(ZvmTaskType))).Count);
        }

        [Theory]
        [InlineData(typeof(ZvmTaskState), "Failed,Stopped")]
        [InlineData(typeof(ZvmTaskType), "FailOver, Move")]
        [InlineData(typeof(ZvmKind), "Windows,Appliance")]
        [InlineData(typeof(ZvmAuthenticationMethod), "Windows,Hypervisor")]
        public void The_enums_refuse_two_names_in_one_value(Type enumType, string text)
        {
            TypeConverter converter = TypeDescriptor.GetConverter(enumType);
            Assert.Throws<FormatException>(() => converter.ConvertFrom(text));
            Assert.Equal(Enum.Parse(enumType, text.Split(',')[0]), converter.ConvertFrom(text.Split(',')[0]));
        }
    }
}
