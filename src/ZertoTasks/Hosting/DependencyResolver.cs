using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
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

        // The runspaces that have imported the module: the handler stays while any of them does.
        private static readonly ModuleUsers Users = new ModuleUsers();

        // Where no runspace is at hand (an import from a host's own thread): one stand-in user.
        private static readonly object NoRunspace = new object();

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

            Users.Enter(Runspace.DefaultRunspace ?? NoRunspace);
            if (Platform.OnDotNetFramework)
            {
                Shipped.Value.AddTo(AppDomain.CurrentDomain);
            }
        }

        /// <summary>Remove-Module in <paramref name="runspace"/>: the handler goes once no runspace uses the module.</summary>
        internal static void Leave(Runspace? runspace)
        {
            if (Users.Leave(runspace ?? NoRunspace) && Platform.OnDotNetFramework)
            {
                Shipped.Value.RemoveFrom(AppDomain.CurrentDomain);
            }
        }
    }
}
