using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// PowerShell 7.0-7.3 (.NET Core 3.1 to .NET 7, all out of support) carry a System.Text.Json
    /// older than the one the module is built on, and bind the module to their own copy: the
    /// first JSON read would fail with an assembly-load error. The import refuses them up front.
    /// </summary>
    internal static class SupportedHost
    {
        public const string Supported = "PowerShell 7.4 or later, or Windows PowerShell 5.1";

        /// <summary>Why this PowerShell cannot run the module, or null when it can.</summary>
        public static string? WhyNot(bool onDotNetFramework, string powerShell, string runtime, Version? hostJson, Version neededJson)
        {
            // Windows PowerShell has no System.Text.Json of its own: it loads the copy the module ships.
            if (onDotNetFramework || hostJson == null || hostJson >= neededJson)
            {
                return null;
            }

            return $"ZertoTasks needs {Supported}. This is PowerShell {powerShell} on {runtime}, whose "
                + $"System.Text.Json {hostJson} is older than the {neededJson} the module is built on.";
        }

        /// <summary>The System.Text.Json version ZertoTasks.Core was compiled against.</summary>
        public static Version NeededJsonVersion() =>
            typeof(ZvmSession).Assembly.GetReferencedAssemblies().Single(name => name.Name == "System.Text.Json").Version;

        /// <summary>
        /// The version of the runtime's own System.Text.Json (the one it binds every request
        /// to), read from its file without loading it; null where the runtime has none.
        /// </summary>
        public static Version? HostJsonVersion()
        {
            string? path = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string)?
                .Split(Path.PathSeparator)
                .FirstOrDefault(file => string.Equals(Path.GetFileName(file), "System.Text.Json.dll", StringComparison.OrdinalIgnoreCase));
            return path == null ? null : AssemblyName.GetAssemblyName(path).Version;
        }
    }
}
