using ZertoTasks.Json;

namespace ZertoTasks
{
    /// <summary>The values of a task's Status.State, as the ZVM numbers them.</summary>
    [System.ComponentModel.TypeConverter(typeof(SingleNameEnumConverter<ZvmTaskState>))]
    public enum ZvmTaskState
    {
        FirstUnusedValue = 0,
        InProgress = 1,
        WaitingForUserInput = 2,
        Paused = 3,
        Failed = 4,
        Stopped = 5,
        Completed = 6,
        Cancelling = 7,
    }
}
