using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Authentication;

namespace ZertoTasks.Http
{
    /// <summary>
    /// Makes the one HTTP handler a session owns. Skipping the certificate check is a setting
    /// of this handler alone, never of the process (no ServicePointManager policy), so other
    /// connections in the same PowerShell keep validating certificates.
    /// </summary>
    internal static class HttpHandlerFactory
    {
        // SslProtocols.Tls13 is missing from netstandard2.0's enum; its value is fixed by the OS APIs.
        private const SslProtocols Tls13 = (SslProtocols)12288;

        public static HttpMessageHandler Create(bool skipCertificateCheck)
        {
            var handler = new HttpClientHandler
            {
                // A redirect would carry the x-zerto-session header to wherever it points.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                SslProtocols = OnDotNetFramework() ? SslProtocols.Tls12 : SslProtocols.Tls12 | Tls13,
            };

            if (skipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => true;
            }

            return handler;
        }

        // Windows PowerShell 5.1: TLS 1.3 in the flags fails on Windows versions without it.
        private static bool OnDotNetFramework() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", System.StringComparison.Ordinal);
    }
}
