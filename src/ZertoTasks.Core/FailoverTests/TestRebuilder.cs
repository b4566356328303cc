using System;
using System.Collections.Generic;

namespace ZertoTasks.FailoverTests
{
    /// <summary>
    /// Rebuilds the failover tests of one ZVM from its FailOverTest and StopFailOverTest tasks,
    /// which may arrive in any order:
    /// <list type="bullet">
    /// <item>a task naming several VPGs is a test of each;</item>
    /// <item>a FailOverTest that Failed is a failed test with no stop (the test never ran; a retry is a test of its own),
    /// one that was Stopped or is Cancelling a cancelled one;</item>
    /// <item>a StopFailOverTest ends the latest test of its VPG that is still open (started before it, not failed,
    /// not cancelled, not stopped), and only that one; a stop that failed leaves it open, so a later stop replaces it;</item>
    /// <item>a stop with no open test (its start is older than the history read) is a test of its own without a start.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// A task is kept as a small value (its start, state, reason, user and id), not as the task:
    /// a fleet's tens of thousands of tasks would otherwise live until every ZVM has answered,
    /// and their collections cost more than reading them.
    /// </remarks>
    internal sealed class TestRebuilder
    {
        private readonly Dictionary<string, List<Step>> _perVpg = new Dictionary<string, List<Step>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, ZvmEntity> _vpgs = new Dictionary<string, ZvmEntity>(StringComparer.OrdinalIgnoreCase);
        private string? _server;
        private int _arrival;

        public const string StartType = nameof(ZvmTaskType.FailOverTest);
        public const string StopType = nameof(ZvmTaskType.StopFailOverTest);

        /// <summary>How many tasks were taken.</summary>
        public int TaskCount { get; private set; }

        /// <summary>Takes a task; any type other than the two is ignored.</summary>
        public void Add(ZvmTask task)
        {
            bool isStart = string.Equals(task.Type, StartType, StringComparison.OrdinalIgnoreCase);
            if (!isStart && !string.Equals(task.Type, StopType, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            TaskCount++;
            ZvmEntityList vpgs = task.Vpgs;
            for (int i = 0; i < vpgs.Count; i++)
            {
                string identifier = vpgs.IdentifierArray[i];
                if (!_perVpg.TryGetValue(identifier, out List<Step>? steps))
                {
                    steps = new List<Step>();
                    _perVpg[identifier] = steps;
                    _vpgs[identifier] = vpgs[i];
                }
                else if (_vpgs[identifier].Name == null && vpgs.NameAt(i) != null)
                {
                    _vpgs[identifier] = vpgs[i];
                }

                steps.Add(new Step(task, isStart, _arrival++));
            }

            _server ??= task.Server;
        }

        /// <summary>The tests, oldest first (a test without a start by its stop).</summary>
        public List<ZvmFailoverTest> Build()
        {
            var tests = new List<ZvmFailoverTest>();
            foreach (KeyValuePair<string, List<Step>> ofIdentifier in _perVpg)
            {
                List<Step> steps = ofIdentifier.Value;
                ZvmEntity vpg = _vpgs[ofIdentifier.Key];
                steps.Sort(Step.Compare);
                var ofVpg = new List<ZvmFailoverTest>();
                var open = new List<ZvmFailoverTest>();
                foreach (Step step in steps)
                {
                    if (step.IsStart)
                    {
                        ZvmFailoverTest test = Start(step, vpg, _server!);
                        ofVpg.Add(test);
                        if (IsOpenAfterStart(step.State))
                        {
                            open.Add(test);
                        }

                        continue;
                    }

                    ZvmFailoverTest? latest = open.Count > 0 ? open[open.Count - 1] : null;
                    if (latest == null)
                    {
                        latest = new ZvmFailoverTest { Vpg = vpg, Server = _server! };
                        ofVpg.Add(latest);
                    }
                    else if (!StopFailed(step.State))
                    {
                        open.RemoveAt(open.Count - 1);
                    }

                    AttachStop(latest, step);
                }

                foreach (ZvmFailoverTest test in ofVpg)
                {
                    Judge(test);
                }

                tests.AddRange(ofVpg);
            }

            tests.Sort((a, b) => Nullable.Compare(a.Started ?? a.Stopped, b.Started ?? b.Stopped));
            return tests;
        }

        /// <summary>Sets Result and ResultReason from the tasks and the tester's verdict.</summary>
        public static void Judge(ZvmFailoverTest test)
        {
            bool hasStart = test.StartTaskIdentifier.Length > 0;
            bool hasStop = test.StopTaskIdentifier.Length > 0;
            string start = test.StartState;
            string stop = test.StopState;
            if (hasStart && start == nameof(ZvmTaskState.Failed))
            {
                Set(test, ZvmFailoverTestResult.Failed, test.StartReason.Length > 0 ? test.StartReason : "The FailOverTest task failed.");
            }
            else if (hasStart && (start == nameof(ZvmTaskState.Stopped) || start == nameof(ZvmTaskState.Cancelling)))
            {
                Set(test, ZvmFailoverTestResult.Cancelled, test.StartReason);
            }
            else if (!hasStop)
            {
                Set(test, start == nameof(ZvmTaskState.Completed) ? ZvmFailoverTestResult.Running : ZvmFailoverTestResult.Starting, string.Empty);
            }
            else if (StopFailed(stop))
            {
                string why = test.StopReason.Length > 0 ? test.StopReason : $"The StopFailOverTest task ended {stop}.";
                Set(test, ZvmFailoverTestResult.StopFailed, why + " The test VMs may still be up.");
            }
            else if (stop != nameof(ZvmTaskState.Completed))
            {
                Set(test, ZvmFailoverTestResult.Stopping, string.Empty);
            }
            else if (test.Verdict == ReportVerdict.Failed)
            {
                Set(test, ZvmFailoverTestResult.Failed, "The tester marked the test failed" + (test.Notes.Length > 0 ? ": " + test.Notes : "."));
            }
            else
            {
                Set(test, ZvmFailoverTestResult.Passed, string.Empty);
            }
        }

        private static void Set(ZvmFailoverTest test, ZvmFailoverTestResult result, string reason)
        {
            test.Result = result;
            test.ResultReason = reason;
        }

        private static bool IsOpenAfterStart(string state) =>
            state != nameof(ZvmTaskState.Failed) && state != nameof(ZvmTaskState.Stopped) && state != nameof(ZvmTaskState.Cancelling);

        private static bool StopFailed(string state) => state == nameof(ZvmTaskState.Failed) || state == nameof(ZvmTaskState.Stopped);

        private static ZvmFailoverTest Start(Step step, ZvmEntity vpg, string server) => new ZvmFailoverTest
        {
            Vpg = vpg,
            Server = server,
            Started = step.Started,
            StartedBy = step.InitiatedBy,
            StartState = step.State,
            StartReason = step.Reason,
            StartTaskIdentifier = step.TaskIdentifier,
        };

        private static void AttachStop(ZvmFailoverTest test, Step step)
        {
            test.Stopped = step.Started;
            test.StoppedBy = step.InitiatedBy;
            test.StopState = step.State;
            test.StopReason = step.Reason;
            test.StopTaskIdentifier = step.TaskIdentifier;
        }

        /// <summary>What a test needs of one of its tasks.</summary>
        private readonly struct Step
        {
            public Step(ZvmTask task, bool isStart, int arrival)
            {
                Started = task.Started;
                State = task.State;
                Reason = task.CompleteReason;
                InitiatedBy = task.InitiatedBy;
                TaskIdentifier = task.TaskIdentifier;
                IsStart = isStart;
                Arrival = arrival;
            }

            public DateTime? Started { get; }

            public string State { get; }

            public string Reason { get; }

            public string InitiatedBy { get; }

            public string TaskIdentifier { get; }

            public bool IsStart { get; }

            public int Arrival { get; }

            // By start time; at the same instant a start before a stop; then as they came.
            public static int Compare(Step a, Step b)
            {
                int byTime = Nullable.Compare(a.Started, b.Started);
                if (byTime != 0)
                {
                    return byTime;
                }

                return a.IsStart != b.IsStart ? (a.IsStart ? -1 : 1) : a.Arrival.CompareTo(b.Arrival);
            }
        }
    }
}
