using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace ZertoTasks.Transport
{
    /// <summary>
    /// Where a ZVM is: parsed and checked from what the user typed as -Server (a host name,
    /// an address, name:port, or an http(s) URL) and -Port, before any request is sent.
    /// </summary>
    internal sealed class ZvmEndpoint
    {
        // scheme://host:port, the host a name, an IPv4 address or a bracketed IPv6 address.
        private static readonly Regex PortInUrl = new Regex(@"^[a-z][a-z0-9+.-]*://(?:\[[^\]]*\]|[^/:?#\[\]]*):(\d+)(?:[/?#]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

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

        /// <summary>Whether <paramref name="other"/> names the same server: scheme, host (in any case) and port, or both no port.</summary>
        public bool SameServerAs(ZvmEndpoint other) =>
            Scheme == other.Scheme && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && ImpliedPort == other.ImpliedPort;

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
            string url = hasScheme ? text : "https://" + text;
            if (text.Length == 0 || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
            {
                throw Invalid(server, PortOutOfRange(server, url) ?? NotAServer(server));
            }

            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            {
                throw Invalid(server, $"'{server}' is a {uri.Scheme}:// address; a ZVM answers https:// (or http://).");
            }

            if (uri.UserInfo.Length > 0)
            {
                throw Invalid(server, $"'{server}' holds a user name; give it with -Credential, and only the ZVM's address in -Server.");
            }

            if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                string extra = uri.AbsolutePath != "/" ? "the path " + uri.AbsolutePath : "'" + uri.Query + uri.Fragment + "'";
                throw Invalid(server, $"'{server}' has {extra} after the server: -Server takes the ZVM's address only, such as https://zvm01.corp.example:9669, and the module adds the API's paths itself.");
            }

            if (Uri.CheckHostName(uri.IdnHost) == UriHostNameType.Unknown)
            {
                throw Invalid(server, NotAServer(server));
            }

            int? portInServer = uri.IsDefaultPort && !HasExplicitPort(text, uri) ? (int?)null : uri.Port;
            if (port.HasValue && (port < 1 || port > 65535))
            {
                throw Invalid(server, $"Port {port} is outside 1-65535 (given for '{server}').");
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

        private static string NotAServer(string? server) =>
            $"'{server}' is not a host name, an IP address or an http(s) URL such as https://zvm.example.com:9669.";

        /// <summary>"zvm01:99999" is no URI at all; say that the port is the problem.</summary>
        private static string? PortOutOfRange(string? server, string url)
        {
            Match port = PortInUrl.Match(url);
            return port.Success && (port.Groups[1].Value.Length > 5 || int.Parse(port.Groups[1].Value, CultureInfo.InvariantCulture) > 65535)
                ? $"'{server}' names port {port.Groups[1].Value}, which is outside 1-65535."
                : null;
        }

        // Uri hides a default port (":443" in an https URL); the user still named it.
        private static bool HasExplicitPort(string text, Uri uri) =>
            text.IndexOf(uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase) >= 0;

        private static ZvmException Invalid(object? target, string message) =>
            new ZvmException(ErrorIds.InvalidServer, ZvmErrorCategory.InvalidArgument, message, target);
    }
}
