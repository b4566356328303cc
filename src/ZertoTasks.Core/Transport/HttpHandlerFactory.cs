using System;
using System.Net;
using System.Net.Http;
using System.Security.Authentication;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// Makes the one HTTP handler a session owns. Skipping the certificate check is a setting
    /// of this handler alone, never of the process (no ServicePointManager policy), so other
    /// connections in the same PowerShell keep validating certificates.
    /// </summary>
    internal static class HttpHandlerFactory
    {
        /// <summary>
        /// .NET Framework allows 2 connections per server unless told otherwise: a listing and
        /// its completion fetch would hold both and queue every other request to that ZVM. 16
        /// fits a listing's parallel requests (<see cref="TaskQueryPlan.MaxRequests"/>) beside
        /// its name look-ups and completion fetch, and stays courteous to one appliance.
        /// </summary>
        public const int MaxConnectionsPerServer = 16;

        // SslProtocols.Tls13 is missing from netstandard2.0's enum; its value is fixed by the OS APIs.
        internal const SslProtocols Tls13 = (SslProtocols)12288;

        // Windows Server 2022 (build 20348) and Windows 11 are the first whose Schannel speaks TLS 1.3.
        private static readonly Version FirstWindowsWithTls13 = new Version(10, 0, 20348);

        public static HttpMessageHandler Create(bool skipCertificateCheck)
        {
            var handler = new HttpClientHandler
            {
                // A redirect would carry the x-zerto-session header to wherever it points.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                SslProtocols = TlsProtocols(Platform.OnDotNetFramework, Environment.OSVersion),
                MaxConnectionsPerServer = MaxConnectionsPerServer,
            };

            if (skipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => true;
            }

            return handler;
        }

        /// <summary>
        /// TLS 1.2, and 1.3 where the platform has it, so a ZVM that requires 1.3 is reached;
        /// never anything older. .NET (PowerShell 7) offers 1.3 only where the OS has it. On
        /// .NET Framework the flags go to Schannel as they are, and a Windows without TLS 1.3
        /// may fail the handshake on them, so 1.3 is asked for only from the first Windows that has it.
        /// </summary>
        internal static SslProtocols TlsProtocols(bool onDotNetFramework, OperatingSystem os)
        {
            bool hasTls13 = !onDotNetFramework || (os.Platform == PlatformID.Win32NT && os.Version >= FirstWindowsWithTls13);
            return hasTls13 ? SslProtocols.Tls12 | Tls13 : SslProtocols.Tls12;
        }
    }
}
