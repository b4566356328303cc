using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace ZertoTasks.Auth
{
    /// <summary>
    /// Puts a password or client secret into a request without making a managed string of it:
    /// it goes from the SecureString through byte and char buffers that are zeroed after use.
    /// What is left is the request itself (a Basic header, a form body), which .NET needs as is.
    /// </summary>
    internal static class SecretEncoding
    {
        /// <summary>The value of a Basic Authorization header: base64 of UTF-8 "user:password".</summary>
        public static string BasicCredentials(string userName, SecureString password)
        {
            byte[] user = Encoding.UTF8.GetBytes(userName + ":");
            byte[] secret = Utf8(password);
            var pair = new byte[user.Length + secret.Length];
            try
            {
                Buffer.BlockCopy(user, 0, pair, 0, user.Length);
                Buffer.BlockCopy(secret, 0, pair, user.Length, secret.Length);
                return Convert.ToBase64String(pair);
            }
            finally
            {
                Array.Clear(secret, 0, secret.Length);
                Array.Clear(pair, 0, pair.Length);
            }
        }

        /// <summary>
        /// An application/x-www-form-urlencoded body of <paramref name="fields"/>, then
        /// <paramref name="secretName"/>=<paramref name="secret"/> when a secret is given.
        /// The caller zeroes the body once it has been sent.
        /// </summary>
        public static byte[] Form(IEnumerable<KeyValuePair<string, string>> fields, string? secretName, SecureString? secret)
        {
            var plain = new StringBuilder();
            foreach (KeyValuePair<string, string> field in fields)
            {
                plain.Append(plain.Length == 0 ? "" : "&").Append(Escape(field.Key)).Append('=').Append(Escape(field.Value));
            }

            if (secretName == null || secret == null)
            {
                return Encoding.ASCII.GetBytes(plain.ToString());
            }

            plain.Append(plain.Length == 0 ? "" : "&").Append(Escape(secretName)).Append('=');
            byte[] head = Encoding.ASCII.GetBytes(plain.ToString());
            byte[] value = Utf8(secret);
            try
            {
                int length = head.Length;
                foreach (byte b in value)
                {
                    length += IsUnreserved(b) || b == ' ' ? 1 : 3;
                }

                var body = new byte[length];
                Buffer.BlockCopy(head, 0, body, 0, head.Length);
                int at = head.Length;
                foreach (byte b in value)
                {
                    if (IsUnreserved(b))
                    {
                        body[at++] = b;
                    }
                    else if (b == ' ')
                    {
                        body[at++] = (byte)'+';
                    }
                    else
                    {
                        body[at++] = (byte)'%';
                        body[at++] = (byte)"0123456789ABCDEF"[b >> 4];
                        body[at++] = (byte)"0123456789ABCDEF"[b & 15];
                    }
                }

                return body;
            }
            finally
            {
                Array.Clear(value, 0, value.Length);
            }
        }

        // What FormUrlEncodedContent does: percent-encoding with '+' for a space.
        private static string Escape(string text) => Uri.EscapeDataString(text).Replace("%20", "+");

        private static bool IsUnreserved(byte b) =>
            (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';

        private static byte[] Utf8(SecureString secret)
        {
            IntPtr unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secret);
            var chars = new char[secret.Length];
            try
            {
                Marshal.Copy(unmanaged, chars, 0, chars.Length);
                return Encoding.UTF8.GetBytes(chars);
            }
            finally
            {
                Array.Clear(chars, 0, chars.Length);
                Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            }
        }
    }
}
