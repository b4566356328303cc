using System;

namespace ZertoTasks.FailoverTests
{
    /// <summary>The words of a recovery report's verdict, as this module writes them.</summary>
    internal static class ReportVerdict
    {
        public const string Passed = nameof(Passed);
        public const string Failed = nameof(Failed);

        /// <summary>
        /// The report's status in this module's words. The exact words a ZVM writes are not
        /// documented ("Success", "Fail", "Passed", "Failed"...): anything with "fail" is Failed,
        /// with "success" or "pass" Passed, anything else is kept as written.
        /// </summary>
        public static string Of(string? status)
        {
            string text = (status ?? string.Empty).Trim();
            if (text.IndexOf("fail", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return Failed;
            }

            return text.IndexOf("success", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("pass", StringComparison.OrdinalIgnoreCase) >= 0
                ? Passed
                : text;
        }
    }

    /// <summary>One entry of GET /v1/reports/recovery, as much of it as a failover test needs.</summary>
    internal sealed class RecoveryReport
    {
        public string Identifier { get; set; } = string.Empty;

        public string VpgIdentifier { get; set; } = string.Empty;

        public string VpgName { get; set; } = string.Empty;

        public string RecoveryType { get; set; } = string.Empty;

        /// <summary>When the recovery operation started, local time; null when the report does not say or its date cannot be read.</summary>
        public DateTime? Started { get; set; }

        public string Status { get; set; } = string.Empty;

        public string Notes { get; set; } = string.Empty;

        public int? RtoSeconds { get; set; }

        /// <summary>Whether this is the report of a failover test (recoveryType FailoverTest, in any spelling).</summary>
        public bool IsFailoverTest =>
            RecoveryType.Replace(" ", string.Empty).Equals("FailoverTest", StringComparison.OrdinalIgnoreCase);
    }
}
