using System;

namespace ZertoTasks
{
    /// <summary>Errors about a session: its login refused, or its use after Disconnect-ZvmSession ended it.</summary>
    internal static class SessionErrors
    {
        /// <summary>
        /// A ZVM refused a login; <paramref name="otherwise"/> says why when the server did not, and
        /// <paramref name="advice"/> (<see cref="LoginAdvice"/>) what to check: a ZVM gives the same
        /// answer for a wrong password, a wrong form of the user name and a locked account.
        /// </summary>
        public static ZvmException LoginRefused(string server, string userName, ZvmException failure, string otherwise, string advice) => new ZvmException(
            ErrorIds.ZvmAuthenticationFailed,
            ZvmErrorCategory.AuthenticationError,
            $"{server} refused the login of '{userName}': {ErrorText.Sentence(failure.ServerMessage ?? otherwise)} {advice}",
            server,
            failure.ServerMessage) { StatusCode = failure.StatusCode };

        /// <summary>What to check when a login is refused, by how it was made. Names no secret.</summary>
        public static string LoginAdvice(ZvmKind kind, string userName, ZvmAuthenticationMethod method, bool clientCredential)
        {
            if (clientCredential)
            {
                return "Check the client id and secret (Keycloak's zerto realm, the client's Credentials tab), "
                    + "and that the client has service accounts enabled. A user logs in with -Credential, not -ClientCredential.";
            }

            string locked = "A locked or disabled account is refused the same way.";
            if (kind == ZvmKind.Appliance)
            {
                return $"Check the password, and the user name as the appliance knows it (a local user, or a domain user as its identity provider names it). {locked}";
            }

            if (method == ZvmAuthenticationMethod.Hypervisor)
            {
                return "Check the password, and that the user is a vCenter (or SCVMM) account, named as vCenter names it (administrator@vsphere.local); "
                    + $"a Windows account logs in without -AuthenticationMethod Hypervisor. {locked}";
            }

            bool hasDomain = userName.IndexOf('\\') >= 0 || userName.IndexOf('@') >= 0;
            string domain = hasDomain ? string.Empty : $" with its domain (CORP\\{userName} or {userName}@corp.example)";
            return $"Check the password, and the user name: a Windows ZVM takes a Windows account{domain}; "
                + $"a vCenter (or SCVMM) account logs in with -AuthenticationMethod Hypervisor. {locked}";
        }

        /// <summary>The session was ended by Disconnect-ZvmSession, before this call or while it ran.</summary>
        public static ZvmException Disconnected(string server, object target, Exception? inner = null) => new ZvmException(
            ErrorIds.ZvmSessionDisconnected,
            ZvmErrorCategory.InvalidOperation,
            $"The session with {server} has been disconnected (Disconnect-ZvmSession). Run Connect-ZvmSession to open a new one.",
            target,
            innerException: inner);

        /// <summary>
        /// Disconnect-ZvmSession could not tell the ZVM: the same id and category as the failure,
        /// and what the user needs to know next, that the session is gone from here all the same.
        /// </summary>
        public static ZvmException NotLoggedOut(string server, ZvmKind kind, ZvmException failure) => new ZvmException(
            failure.ErrorId,
            failure.Category,
            $"{ErrorText.Sentence(failure.Message)} The session was removed here all the same (Get-ZvmSession no longer lists it), "
            + $"and {server} ends it by itself {(kind == ZvmKind.Windows ? "after 30 minutes without a call" : "when its token expires")}: nothing more needs doing.",
            failure.Target,
            failure.ServerMessage,
            failure) { StatusCode = failure.StatusCode };
    }
}
