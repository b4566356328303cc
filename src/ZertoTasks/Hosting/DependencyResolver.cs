using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// Runs when the module is imported, before any cmdlet or JSON type is touched. It refuses a
    /// PowerShell the module cannot run on (<see cref="SupportedHost"/>) with a clear message,
    /// where the alternative is an assembly-load error later. On Windows PowerShell 5.1 (.NET
    /// Framework) there are no binding redirects for a module's dependencies: System.Memory asks
    /// for an older System.Runtime.CompilerServices.Unsafe than the one shipped beside it, and the
    /// load fails; <see cref="ShippedAssemblies"/> answers such requests from the module folder.
    /// PowerShell 7 resolves them from its own, newer copies and never needs it.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer
    {
        private static readonly Lazy<ShippedAssemblies> Shipped = new Lazy<ShippedAssemblies>(
            () => new ShippedAssemblies(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty));

        /// <inheritdoc/>
        public void OnImport()
        {
            string? unsupported = SupportedHost.WhyNot(
                Platform.OnDotNetFramework,
                typeof(PSObject).Assembly.GetName().Version.ToString(2),
                RuntimeInformation.FrameworkDescription,
                SupportedHost.HostJsonVersion(),
                SupportedHost.NeededJsonVersion());
            if (unsupported != null)
            {
                throw new PSNotSupportedException(unsupported);
            }

            if (Platform.OnDotNetFramework)
            {
                Shipped.Value.AddTo(AppDomain.CurrentDomain);
            }
        }
    }
}
