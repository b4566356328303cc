using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ZertoTasks.Transport
{
    /// <summary>Turns what HttpClient throws into the module's errors, naming the server.</summary>
    internal static class TransportErrors
    {
        public static ZvmException TimedOut(string server, TimeSpan timeout, Exception inner) =>
            new ZvmException(
                ErrorIds.ZvmUnreachable,
                ZvmErrorCategory.OperationTimeout,
                $"{server} did not answer within {Seconds(timeout)} (the session's -TimeoutSec).",
                server,
                innerException: inner);

        /// <summary>An answer that keeps the connection alive but delivers next to nothing.</summary>
        public static ZvmException TooSlow(string server, TimeSpan timeout, double minBytesPerSecond, Exception inner) =>
            new ZvmException(
                ErrorIds.ZvmUnreachable,
                ZvmErrorCategory.OperationTimeout,
                $"{server} sent its answer too slowly: less than {minBytesPerSecond:0} bytes a second, on average, for {Seconds(timeout)} (the session's -TimeoutSec).",
                server,
                innerException: inner);

        public static ZvmException Lost(string server, Exception e) =>
            new ZvmException(
                ErrorIds.ZvmUnreachable,
                ZvmErrorCategory.ConnectionError,
                $"The connection to {server} was lost while its answer was read: {e.Message}",
                server,
                innerException: e);

        public static ZvmException Failed(string server, Exception e)
        {
            if (FindInner<AuthenticationException>(e) is AuthenticationException tls)
            {
                return new ZvmException(
                    ErrorIds.ZvmCertificateUntrusted,
                    ZvmErrorCategory.SecurityError,
                    $"The certificate of {server} is not trusted ({tls.Message.TrimEnd('.')}). Trust the ZVM's certificate on this machine "
                    + "(import its CA into the trusted root store), or connect with -SkipCertificateCheck to skip the check for this session only.",
                    server,
                    innerException: e);
            }

            return new ZvmException(
                ErrorIds.ZvmUnreachable,
                ZvmErrorCategory.ConnectionError,
                $"{server} could not be reached: {Describe(e)}",
                server,
                innerException: e);
        }

        /// <summary>Whether the failure is a host name that did not resolve (not a port that refused or did not answer).</summary>
        public static bool IsNameNotFound(Exception e) =>
            FindInner<SocketException>(e) is SocketException socket
            && (socket.SocketErrorCode == SocketError.HostNotFound || socket.SocketErrorCode == SocketError.NoData || socket.SocketErrorCode == SocketError.TryAgain);

        /// <summary>The innermost message: HttpClient's own is often just "An error occurred while sending the request."</summary>
        internal static string Describe(Exception e)
        {
            Exception innermost = e;
            while (innermost.InnerException != null)
            {
                innermost = innermost.InnerException;
            }

            if (innermost == e)
            {
                return e.Message;
            }

            return e is HttpRequestException ? innermost.Message : $"{e.Message} {innermost.Message}";
        }

        private static T? FindInner<T>(Exception e) where T : Exception
        {
            for (Exception? current = e; current != null; current = current.InnerException)
            {
                if (current is T found)
                {
                    return found;
                }
            }

            return null;
        }

        /// <summary>"1 second", "30 seconds", "0.5 seconds": a time-out as a message says it.</summary>
        public static string Seconds(TimeSpan time) =>
            time == TimeSpan.FromSeconds(1) ? "1 second" : $"{time.TotalSeconds:0.#} seconds";

        public static bool IsTransport(Exception e) =>
            e is HttpRequestException || e is System.IO.IOException || e is ObjectDisposedException;
    }
}
