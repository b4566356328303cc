using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using ZertoTasks.Listing;
using ZertoTasks.Transport;

namespace ZertoTasks.Tests
{
    /// <summary>
    /// The stage runner of one ZVM: order of tasks and errors, failures that cost one answer, and
    /// the end of the stages. The sources here are scripted; the real ones are tested over HTTP.
    /// </summary>
    public class ZvmListingTests
    {
        private static readonly ZvmSession Session = new ZvmSession(
            new ZvmClient(new Uri("https://zvm.example:9669/"), false, TimeSpan.FromSeconds(5), new RetryPolicy(0, TimeSpan.FromSeconds(1))),
            ZvmKind.Appliance,
            false);

        [Fact]
        public async Task A_failure_not_the_modules_own_is_an_error_with_an_ErrorId_after_the_tasks_read_before_it()
        {
            var source = new ScriptedSource(Tasks("a", "b"), new InvalidOperationException("boom"));
            var output = new RecordingOutput();

            await new ZvmListing(Session, source, new TaskStage[0]).RunAsync(output, CancellationToken.None);

            Assert.Equal(new[] { "a", "b", "error ZvmResponseInvalid" }, output.Items);
            Assert.True(source.Disposed);
        }

        [Fact]
        public async Task A_failed_answer_costs_that_answer_and_the_next_one_is_read()
        {
            var merged = new MergedTasks(new ITaskSource[]
            {
                new ScriptedSource(Tasks("a"), new ZvmException(ErrorIds.ZvmUnreachable, ZvmErrorCategory.ConnectionError, "lost", "zvm")),
                new ScriptedSource(Tasks("b", "c"), null),
            });
            var ends = new EndCounter();
            var output = new RecordingOutput();

            await new ZvmListing(Session, merged, new TaskStage[] { ends }).RunAsync(output, CancellationToken.None);

            Assert.Equal(new[] { "a", "error ZvmUnreachable", "b", "c" }, output.Items);
            // A ZVM whose answers were not all read whole does not end its stages (-Vpg would
            // otherwise judge a value by a partial listing).
            Assert.Equal(0, ends.Ended);
        }

        [Fact]
        public async Task Stages_run_in_order_and_end_once_when_every_answer_was_read()
        {
            var ends = new EndCounter();
            var output = new RecordingOutput();
            var stages = new TaskStage[] { new DropDuplicates(), ends, new KeepNewest(new NewestTasks(1)) };

            await new ZvmListing(Session, new ScriptedSource(Tasks("a", "A", "b"), null), stages).RunAsync(output, CancellationToken.None);

            Assert.Empty(output.Items);
            Assert.Equal(2, ends.Passed);
            Assert.Equal(1, ends.Ended);
        }

        private static IEnumerable<ZvmTask> Tasks(params string[] ids) => ids.Select(id => new ZvmTask { TaskIdentifier = id });

        /// <summary>Gives its tasks, some at once and some after a yield, then fails or ends.</summary>
        private sealed class ScriptedSource : ITaskSource
        {
            private readonly Queue<ZvmTask> _tasks;
            private readonly Exception? _failure;
            private bool _failed;

            public ScriptedSource(IEnumerable<ZvmTask> tasks, Exception? failure)
            {
                _tasks = new Queue<ZvmTask>(tasks);
                _failure = failure;
            }

            public bool Disposed { get; private set; }

            public void Start(IListingOutput output)
            {
            }

            public async ValueTask<ZvmTask?> ReadNextAsync()
            {
                await Task.Yield();
                if (_tasks.Count > 0)
                {
                    return _tasks.Dequeue();
                }

                if (_failure != null && !_failed)
                {
                    _failed = true;
                    throw _failure;
                }

                return null;
            }

            public void Dispose() => Disposed = true;
        }

        private sealed class EndCounter : TaskStage
        {
            public int Passed { get; private set; }

            public int Ended { get; private set; }

            public override ValueTask<bool> PassAsync(ZvmTask task)
            {
                Passed++;
                return new ValueTask<bool>(true);
            }

            public override Task EndAsync()
            {
                Ended++;
                return Task.CompletedTask;
            }
        }

        private sealed class RecordingOutput : IListingOutput
        {
            public List<string> Items { get; } = new List<string>();

            public ValueTask WriteAsync(IReadOnlyList<object> objects)
            {
                Items.AddRange(objects.Select(o => ((ZvmTask)o).TaskIdentifier));
                return default;
            }

            public ValueTask WriteAsync(object value) => WriteAsync(new[] { value });

            public void WriteError(ZvmException error) => Items.Add("error " + error.ErrorId);

            public void WarningOnce(string message, Func<bool> isFirst) => Items.Add("warning");

            public void Verbose(string message)
            {
            }

            public void Debug(string message)
            {
            }
        }
    }
}
