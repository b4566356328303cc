using System;
using System.Runtime.InteropServices;

namespace ZertoTasks
{
    /// <summary>Which runtime the module runs on, for the few places where .NET Framework differs.</summary>
    internal static class Platform
    {
        /// <summary>Windows PowerShell 5.1, on .NET Framework 4.7.2 or later.</summary>
        public static bool OnDotNetFramework { get; } =
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
