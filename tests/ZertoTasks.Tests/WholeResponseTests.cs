using System.Text;
using Xunit;
using ZertoTasks.Listing;

namespace ZertoTasks.Tests
{
    /// <summary>A flawed answer is ZvmResponseInvalid naming the server, the request and the flaw in plain words.</summary>
    public class WholeResponseTests
    {
        private const string Id = "0c66b743-01d3-42c5-844b-bf5d4283ddb1.6b5b30d6-c090-4233-8466-5fe18bf39a4c";

        [Theory]
        [InlineData("", "an empty body")]
        [InlineData("  \r\n", "an empty body")]
        [InlineData("this is not json", "something that is not JSON ('this is not json' is an invalid JSON literal")]
        [InlineData("{\"TaskIdentifier\":\"" + Id + "\",\"Type\":\"Mo", "JSON that breaks off")]
        [InlineData("{\"tasks\": 5}", "JSON of another shape (an object without a task identifier)")]
        [InlineData("[{\"TaskIdentifier\":\"" + Id + "\"}]", "JSON of another shape (expected a task but found an array")]
        [InlineData("{\"TaskIdentifier\":\"" + Id + "\"} trailing", "something that is not JSON")]
        [InlineData("{\"TaskIdentifier\":\"" + Id + "\"}{}", "something that is not JSON")]
        public void A_task_answer_that_is_no_task(string body, string flaw)
        {
            var e = Assert.Throws<ZvmException>(() => TaskEndpoints.ParseTask(Encoding.UTF8.GetBytes(body), "zvm:9669", Id));
            Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
            Assert.Equal(ZvmErrorCategory.InvalidData, e.Category);
            Assert.Equal("zvm:9669", e.Target);
            Assert.StartsWith($"zvm:9669 answered GET /v1/tasks/{Id} with ", e.Message);
            Assert.Contains(flaw, e.Message);
            Assert.EndsWith(" instead of a task.", e.Message);
            Assert.DoesNotContain("LineNumber", e.Message);
        }

        [Fact]
        public void A_task_answer_may_end_in_white_space()
        {
            ZvmTask task = TaskEndpoints.ParseTask(Encoding.UTF8.GetBytes("{\"link\":{\"identifier\":\"" + Id + "\"}} \r\n"), "zvm:443", Id);
            Assert.Equal(Id, task.TaskIdentifier);
        }

        [Theory]
        [InlineData("{\"tasks\": 5}", "JSON of another shape (expected a list of type names but found Object)")]
        [InlineData("[\"FailOver\", {}]", "JSON of another shape (expected a type name but found Object)")]
        [InlineData("[\"FailOver\", \"Mo", "JSON that breaks off (the answer was cut short)")]
        [InlineData("<html>", "something that is not JSON")]
        public void A_type_list_answer_that_is_no_type_list(string body, string flaw)
        {
            var e = Assert.Throws<ZvmException>(() => TaskEndpoints.ParseTypeNames(Encoding.UTF8.GetBytes(body), "zvm:9669"));
            Assert.Equal(ErrorIds.ZvmResponseInvalid, e.ErrorId);
            Assert.StartsWith($"zvm:9669 answered GET /v1/tasks/types with {flaw}", e.Message);
            Assert.EndsWith(" instead of the list of task types.", e.Message);
        }
    }
}
