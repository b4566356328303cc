namespace ZertoTasks
{
    /// <summary>What became of a failover test, from its two tasks and, where the ZVM keeps one, the tester's verdict.</summary>
    public enum ZvmFailoverTestResult
    {
        /// <summary>The test VMs came up and the test was stopped; the tester did not mark it failed.</summary>
        Passed,

        /// <summary>The FailOverTest task failed (the test never ran), or the tester marked the test failed when stopping it.</summary>
        Failed,

        /// <summary>The FailOverTest task is still bringing the test VMs up.</summary>
        Starting,

        /// <summary>The test VMs are up and no stop has been seen: the test is running.</summary>
        Running,

        /// <summary>The StopFailOverTest task is still running.</summary>
        Stopping,

        /// <summary>The stop failed (or was stopped): the test VMs may still be up, and the test is not over until a stop succeeds.</summary>
        StopFailed,

        /// <summary>The FailOverTest task was stopped or cancelled before the test VMs were up.</summary>
        Cancelled,
    }
}
