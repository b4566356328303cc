using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace ZertoTasks.Infrastructure
{
    /// <summary>
    /// On Windows PowerShell 5.1 (.NET Framework) there are no binding redirects for a module's
    /// dependencies: System.Memory asks for an older System.Runtime.CompilerServices.Unsafe than
    /// the one shipped beside it, and the load fails. This resolves a request for any assembly the
    /// module ships to the copy in the module folder, whatever version was asked for. PowerShell 7
    /// resolves them from its own, newer copies and never needs this.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty;

        /// <inheritdoc/>
        public void OnImport()
        {
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string? name = new AssemblyName(args.Name).Name;
            string path = Path.Combine(ModuleFolder, name + ".dll");
            return name != null && File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
