using System;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ZertoTasks.Json
{
    /// <summary>
    /// Case-insensitive property-name matching without allocating: a Windows ZVM writes
    /// PascalCase, an appliance camelCase, and the reader must take both.
    /// </summary>
    internal static class JsonNames
    {
        /// <param name="lowerAsciiName">the expected name, all lower-case ASCII</param>
        [MethodImpl(HotPath.AggressiveOptimization)]
        public static bool Is(ref Utf8JsonReader reader, string lowerAsciiName)
        {
            if (reader.ValueIsEscaped)
            {
                return string.Equals(reader.GetString(), lowerAsciiName, StringComparison.OrdinalIgnoreCase);
            }

            ReadOnlySpan<byte> name = reader.ValueSpan;
            if (name.Length != lowerAsciiName.Length)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                // OR-ing 0x20 folds A-Z onto a-z; the expected name is lower-case letters and digits.
                if ((name[i] | 0x20) != lowerAsciiName[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
