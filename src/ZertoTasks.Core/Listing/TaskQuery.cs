using System;
using System.Collections.Generic;
using System.Globalization;
using ZertoTasks.Json;

namespace ZertoTasks.Listing
{
    /// <summary>
    /// The filters of GET /v1/tasks, and how they become its query string: dates in UTC with
    /// a Z (a ZVM reads a time without Z as its own local time), type and status by name.
    /// </summary>
    internal sealed class TaskQuery
    {
        private IReadOnlyCollection<ZvmTaskType>? _keptTypes;
        private IReadOnlyCollection<ZvmTaskState>? _keptStates;
        private HashSet<int>? _keptTypeNumbers;
        private HashSet<int>? _keptStateNumbers;

        public DateTime? StartedBefore { get; set; }

        public DateTime? StartedAfter { get; set; }

        public DateTime? CompletedBefore { get; set; }

        public DateTime? CompletedAfter { get; set; }

        public ZvmTaskType? Type { get; set; }

        public ZvmTaskState? Status { get; set; }

        /// <summary>The types to keep as tasks arrive, when the ZVM is asked without a type; null keeps every type.</summary>
        public IReadOnlyCollection<ZvmTaskType>? KeptTypes
        {
            get => _keptTypes;
            set => _keptTypeNumbers = NumbersOf(_keptTypes = value);
        }

        /// <summary>The states to keep as tasks arrive, when the ZVM is asked without a status; null keeps every state.</summary>
        public IReadOnlyCollection<ZvmTaskState>? KeptStates
        {
            get => _keptStates;
            set => _keptStateNumbers = NumbersOf(_keptStates = value);
        }

        /// <summary>Whether a task the ZVM sent passes the filters this side applies (none unless Kept* are set).</summary>
        public bool Keeps(ZvmTask task) =>
            (_keptTypeNumbers == null || (TaskTypeCatalog.TypeNumber(task.Type) is int type && _keptTypeNumbers.Contains(type)))
            && (_keptStateNumbers == null || (TaskTypeCatalog.StateNumber(task.State) is int state && _keptStateNumbers.Contains(state)));

        /// <summary>This query's dates with one type and one status for the ZVM and the given filters kept on this side.</summary>
        public TaskQuery With(ZvmTaskType? type, ZvmTaskState? status, IReadOnlyCollection<ZvmTaskType>? keptTypes, IReadOnlyCollection<ZvmTaskState>? keptStates) =>
            new TaskQuery
            {
                StartedBefore = StartedBefore,
                StartedAfter = StartedAfter,
                CompletedBefore = CompletedBefore,
                CompletedAfter = CompletedAfter,
                Type = type,
                Status = status,
                KeptTypes = keptTypes,
                KeptStates = keptStates,
            };

        /// <summary>Refuses an empty window (After not before Before) before any request is sent.</summary>
        public void Validate()
        {
            CheckRange(StartedAfter, StartedBefore, "-StartedAfter", "-StartedBefore");
            CheckRange(CompletedAfter, CompletedBefore, "-CompletedAfter", "-CompletedBefore");
        }

        /// <summary>"v1/tasks" with the filters that are set, e.g. "v1/tasks?startedAfterDate=2026-11-01T00:00:00.000Z&amp;type=FailOver".</summary>
        public string ToRelativeUri()
        {
            var parameters = new List<string>();
            Add(parameters, "startedBeforeDate", StartedBefore);
            Add(parameters, "startedAfterDate", StartedAfter);
            Add(parameters, "completedBeforeDate", CompletedBefore);
            Add(parameters, "completedAfterDate", CompletedAfter);
            if (Type.HasValue)
            {
                parameters.Add("type=" + Uri.EscapeDataString(Type.Value.ToString()));
            }

            if (Status.HasValue)
            {
                parameters.Add("status=" + Uri.EscapeDataString(Status.Value.ToString()));
            }

            return parameters.Count == 0 ? "v1/tasks" : "v1/tasks?" + string.Join("&", parameters);
        }

        private static HashSet<int>? NumbersOf<T>(IReadOnlyCollection<T>? values)
            where T : struct, Enum
        {
            if (values == null)
            {
                return null;
            }

            var numbers = new HashSet<int>();
            foreach (T value in values)
            {
                numbers.Add(Convert.ToInt32(value, CultureInfo.InvariantCulture));
            }

            return numbers;
        }

        private static void Add(List<string> parameters, string name, DateTime? value)
        {
            if (value.HasValue)
            {
                parameters.Add(name + "=" + Uri.EscapeDataString(ZvmDate.ToQueryValue(value.Value)));
            }
        }

        private static void CheckRange(DateTime? after, DateTime? before, string afterName, string beforeName)
        {
            if (after.HasValue && before.HasValue && after.Value.ToUniversalTime() >= before.Value.ToUniversalTime())
            {
                throw new ZvmException(
                    ErrorIds.InvalidDateRange,
                    ZvmErrorCategory.InvalidArgument,
                    $"{afterName} ({AsGiven(after.Value)}) is not earlier than {beforeName} ({AsGiven(before.Value)}): no task can match. Swap them or widen the window.",
                    after.Value);
            }
        }

        // The date as the user gave it: local time stays local, a UTC time is marked Z.
        private static string AsGiven(DateTime date) =>
            date.ToString(date.Kind == DateTimeKind.Utc ? "yyyy-MM-dd HH:mm:ss'Z'" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
