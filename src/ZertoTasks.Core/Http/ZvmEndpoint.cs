using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ZertoTasks.Http
{
    /// <summary>
    /// Where a ZVM is: parsed and checked from what the user typed as -Server (a host name,
    /// an address, name:port, or an http(s) URL) and -Port, before any request is sent.
    /// </summary>
    internal sealed class ZvmEndpoint
    {
        private ZvmEndpoint(string scheme, string host, int? port)
        {
            Scheme = scheme;
            Host = host;
            Port = port;
        }

        public string Scheme { get; }

        /// <summary>The host as a URI writes it (IPv6 addresses in brackets).</summary>
        public string Host { get; }

        /// <summary>The port the user named, in -Port or in -Server; null means "the default of the ZVM's kind".</summary>
        public int? Port { get; }

        /// <summary>An http:// URL with no port means port 80: the user said so.</summary>
        public int? ImpliedPort => Port ?? (Scheme == Uri.UriSchemeHttp ? 80 : (int?)null);

        public Uri BaseUri(int port) => new Uri($"{Scheme}://{Host}:{port.ToString(CultureInfo.InvariantCulture)}/");

        public static ZvmEndpoint Parse(string server, int? port)
        {
            string text = (server ?? string.Empty).Trim();
            if (!text.StartsWith("[", StringComparison.Ordinal) && IPAddress.TryParse(text, out IPAddress? address) && address.AddressFamily == AddressFamily.InterNetworkV6)
            {
                // A bare IPv6 address: a URL needs it in brackets.
                text = "[" + text + "]";
            }

            bool hasScheme = text.IndexOf("://", StringComparison.Ordinal) >= 0;
            if (text.Length == 0
                || !Uri.TryCreate(hasScheme ? text : "https://" + text, UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.UserInfo.Length > 0
                || uri.AbsolutePath != "/"
                || uri.Query.Length > 0
                || uri.Fragment.Length > 0
                || Uri.CheckHostName(uri.IdnHost) == UriHostNameType.Unknown)
            {
                throw Invalid(server, $"'{server}' is not a host name, an IP address or an http(s) URL such as https://zvm.example.com:9669.");
            }

            int? portInServer = uri.IsDefaultPort && !HasExplicitPort(text, uri) ? (int?)null : uri.Port;
            if (port.HasValue && (port < 1 || port > 65535))
            {
                throw Invalid(port, $"Port {port} is outside 1-65535.");
            }

            if (portInServer == 0)
            {
                throw Invalid(server, $"'{server}' names port 0, which is outside 1-65535.");
            }

            if (port.HasValue && portInServer.HasValue && port != portInServer)
            {
                throw Invalid(server, $"-Server names port {portInServer} and -Port names {port}; give one.");
            }

            return new ZvmEndpoint(uri.Scheme, uri.Host, port ?? portInServer);
        }

        // Uri hides a default port (":443" in an https URL); the user still named it.
        private static bool HasExplicitPort(string text, Uri uri) =>
            text.IndexOf(uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase) >= 0;

        private static ZvmException Invalid(object? target, string message) =>
            new ZvmException(ErrorIds.InvalidServer, ZvmErrorCategory.InvalidArgument, message, target);
    }
}
