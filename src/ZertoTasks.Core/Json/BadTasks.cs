namespace ZertoTasks.Json
{
    /// <summary>
    /// The tasks of one list whose values could not be read (valid JSON, a value out of range or of
    /// another kind). Each costs that task only: its error is reported and the list read on, until
    /// the <see cref="Max"/>th, whose error ends the answer, as a list this broken is not worth reading on.
    /// </summary>
    internal sealed class BadTasks
    {
        /// <summary>The bad task that ends an answer.</summary>
        public const int Max = 100;

        private readonly string _server;
        private ZvmException? _lastSkipped;

        public BadTasks(string server) => _server = server;

        /// <summary>How many tasks could not be read and were left out.</summary>
        public int Count { get; private set; }

        /// <summary>True when <paramref name="error"/> is the error of the last task left out.</summary>
        public bool IsSkipped(ZvmException error) => ReferenceEquals(error, _lastSkipped);

        /// <summary>Counts one bad task (null: a value that is no task object) and gives its error: the task's own, or at the <see cref="Max"/>th the list's.</summary>
        /// <param name="number">the task's place in the list, from 1</param>
        /// <param name="tasksRead">the good tasks read so far, for the list's error</param>
        public ZvmException Skip(ZvmTask? task, string problem, int number, int tasksRead)
        {
            Count++;
            string which = TaskListErrors.Which(task, number);
            if (Count == Max)
            {
                return TaskListErrors.Invalid(_server, tasksRead, $"{Max} of its tasks could not be read, the last {which}: {problem}. The rest of the answer was not read");
            }

            _lastSkipped = TaskListErrors.TaskLeftOut(_server, task, which, problem);
            return _lastSkipped;
        }
    }
}
