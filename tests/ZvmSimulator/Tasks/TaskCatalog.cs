using System;
using System.Globalization;

namespace ZvmSimulator.Tasks;

/// <summary>The numbered type and state names of zerto-tasks-api.txt, as the query filters take them.</summary>
internal static class TaskCatalog
{
    /// <summary>Index = the type's number (0-68). Number 40 is spelled UpgradeVRA here, UpgradeVra elsewhere.</summary>
    public static readonly string[] TypeNames =
    [
        "FirstUnusedValue", "CreateProtectionGroup", "RemoveProtectionGroup", "FailOver", "FailOverTest",
        "StopFailOverTest", "Move", "GetCheckpointList", "ProtectVM", "UnprotectVM",
        "AddVMToProtectionGroup", "RemoveVMFromProtectionGroup", "InstallVra", "UninstallVra", "GetVMSettings",
        "UpdateProtectionGroup", "InsertTaggedCP", "WaitForCP", "HandleMirrorPromotion", "ActivateAllMirrors",
        "LogCollection", "ClearCheckpoints", "ForceReconfigurationOfNewVM", "ClearSite", "ForceRemoveProtectionGroup",
        "ForceUpdateProtectionGroup", "ForceKillProtectionGroup", "PrePostScript", "InitFullSync", "Pair",
        "Unpair", "AddPeerVraInfo", "RemovePeerVraInfo", "InstallCloudConnector", "UninstallCloudConnector",
        "HandleFirstSyncDone", "Clone", "MoveBeforeCommit", "MoveRollback", "MoveCommit",
        "UpgradeVRA", "MaintainHost", "NotSupportedInThisVersion", "MoveProtectionGroupToManualOperationNeeded", "FailoverBeforeCommit",
        "FailoverCommit", "FailoverRollback", "ChangeVraIpSettings", "PauseProtectionGroup", "ResumeProtectionGroup",
        "BulkUpgradeVras", "BulkUninstallVras", "ChangeVraPassword", "ChangeRecoveryHost", "ChangeRecoveryHostForProtectionGroup",
        "VpgBackup", "RedeployCloudConnector", "RestoreVpg", "VpgDeleteBackup", "SubmitSupportTicket",
        "PreScript", "PostScript", "ChangeVraPasswordIpSettings", "FlrJournalMount", "FlrJournalUnmount",
        "StartVMsWithOrder", "HandleProtectedVmRemovedFromPlatform", "HandleProtectedVmAddedToPlatform", "SplitCommit",
    ];

    /// <summary>Index = the Status.State number.</summary>
    public static readonly string[] StateNames =
    [
        "FirstUnusedValue", "InProgress", "WaitingForUserInput", "Paused", "Failed", "Stopped", "Completed", "Cancelling",
    ];

    public const int InProgress = 1;
    public const int Failed = 4;
    public const int Completed = 6;

    /// <summary>Reads a name (any case) or number from <paramref name="names"/>; -1 when it is neither.</summary>
    public static int IndexOf(string[] names, string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n < names.Length ? n : -1;
        }
        return Array.FindIndex(names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
    }
}
