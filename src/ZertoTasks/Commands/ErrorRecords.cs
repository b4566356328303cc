using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ZertoTasks.Commands
{
    /// <summary>Turns the core's failures into ErrorRecords: stable id, category, the failing input as target.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(ZvmException e)
        {
            var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), e.Category.ToString());
            var record = new ErrorRecord(e, e.ErrorId, category, e.Target);
            if (e.ServerMessage != null)
            {
                // What the ZVM said, where Invoke-RestMethod users look for it.
                record.ErrorDetails = new ErrorDetails(e.Message);
            }

            return record;
        }

        /// <summary>No -Session and no default session: the target is the runspace that has none.</summary>
        public static ErrorRecord NoSession() => From(new ZvmException(
            ErrorIds.NoZvmSession,
            ZvmErrorCategory.InvalidOperation,
            "There is no ZVM session in this runspace. Run Connect-ZvmSession first, or pass one with -Session.",
            Runspace.DefaultRunspace));
    }
}
