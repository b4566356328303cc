using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// What counts as connecting again with the same login, so that Connect-ZvmSession gives
    /// back the open session instead of logging it out (as PowerCLI's Connect-VIServer does):
    /// the same server (scheme, host in any case, port), the same user name (in any case, as
    /// the ZVM's directory reads it; DOMAIN\user and user@domain are two names; a Keycloak
    /// client id exactly), the same kind of login and every other setting the same, and the
    /// same password or client secret.
    /// </summary>
    internal static class SameLogin
    {
        /// <summary>
        /// The open session that connecting with <paramref name="asked"/> would replace: on the
        /// same server, as the same user name. Without a port, the server is the session's host at
        /// its kind's default port (the kind -Kind names, if given). Null when there is none.
        /// </summary>
        public static ZvmSession? Held(IEnumerable<ZvmSession> open, ConnectOptions asked)
        {
            ZvmSession? held = null;
            foreach (ZvmSession session in open)
            {
                if (session.IsConnected && session.Settings != null && SameServer(session, asked)
                    && string.Equals(session.UserName, asked.Credential.UserName, StringComparison.OrdinalIgnoreCase))
                {
                    held = session;
                }
            }

            return held;
        }

        /// <summary>
        /// Null when <paramref name="held"/> was opened with what <paramref name="asked"/> gives;
        /// else what differs ("other -TimeoutSec, password"), never a secret.
        /// </summary>
        public static string? Difference(ZvmSession held, ConnectOptions asked)
        {
            ConnectOptions was = held.Settings ?? throw new ArgumentException("The session has no settings to compare.", nameof(held));
            var differs = new List<string>();
            if (AskedKind(asked) is ZvmKind kind && kind != held.Kind)
            {
                differs.Add("-Kind");
            }

            if (was.IsClientCredential != asked.IsClientCredential)
            {
                differs.Add("logon (-Credential or -ClientCredential)");
            }
            else if (asked.IsClientCredential && !string.Equals(was.Credential.UserName, asked.Credential.UserName, StringComparison.Ordinal))
            {
                // Keycloak's client ids are case-sensitive.
                differs.Add("client id case");
            }

            if (held.Kind == ZvmKind.Windows && was.AuthenticationMethod != asked.AuthenticationMethod)
            {
                differs.Add("-AuthenticationMethod");
            }

            if (was.SkipCertificateCheck != asked.SkipCertificateCheck)
            {
                differs.Add("-SkipCertificateCheck");
            }

            if (was.Timeout != asked.Timeout)
            {
                differs.Add("-TimeoutSec");
            }

            if (was.RetryPolicy.MaximumRetryCount != asked.RetryPolicy.MaximumRetryCount)
            {
                differs.Add("-MaximumRetryCount");
            }

            if (was.RetryPolicy.Interval != asked.RetryPolicy.Interval)
            {
                differs.Add("-RetryIntervalSec");
            }

            if (!SameSecret(was.Credential, asked.Credential))
            {
                differs.Add(asked.IsClientCredential ? "client secret" : "password");
            }

            return differs.Count == 0 ? null : "other " + string.Join(", ", differs);
        }

        /// <summary>-ClientCredential always means an appliance.</summary>
        private static ZvmKind? AskedKind(ConnectOptions asked) => asked.IsClientCredential ? ZvmKind.Appliance : asked.Kind;

        private static bool SameServer(ZvmSession held, ConnectOptions asked)
        {
            Uri at = held.Client.BaseUri;
            int port = asked.Endpoint.ImpliedPort ?? DefaultPorts.Of(AskedKind(asked) ?? held.Kind);
            return at.Scheme == asked.Endpoint.Scheme
                && string.Equals(at.Host, asked.Endpoint.Host, StringComparison.OrdinalIgnoreCase)
                && at.Port == port;
        }

        /// <summary>
        /// Compares the two passwords where they are kept (SecureStrings), in unmanaged memory that
        /// is zeroed afterwards, in a time that does not depend on where they differ: no copy of
        /// either is left in a managed string, and nothing is kept to compare with later.
        /// </summary>
        internal static bool SameSecret(System.Net.NetworkCredential a, System.Net.NetworkCredential b)
        {
            using SecureString first = a.SecurePassword;
            using SecureString second = b.SecurePassword;
            IntPtr x = Marshal.SecureStringToGlobalAllocUnicode(first);
            IntPtr y = IntPtr.Zero;
            try
            {
                y = Marshal.SecureStringToGlobalAllocUnicode(second);
                int differ = first.Length ^ second.Length;
                int bytes = Math.Min(first.Length, second.Length) * 2;
                for (int i = 0; i < bytes; i++)
                {
                    differ |= Marshal.ReadByte(x, i) ^ Marshal.ReadByte(y, i);
                }

                return differ == 0;
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(x);
                if (y != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(y);
                }
            }
        }
    }
}
