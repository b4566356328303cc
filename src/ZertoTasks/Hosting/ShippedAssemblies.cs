using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;

namespace ZertoTasks.Hosting
{
    /// <summary>
    /// The assemblies the module ships beside ZertoTasks.dll, handed to .NET Framework's
    /// AssemblyResolve. The event is process-wide: every module's failed loads reach it, so a
    /// shipped copy answers only a request it satisfies - same name, same public key, and a
    /// version not above its own. A module that needs a newer System.Memory must not get ours.
    /// </summary>
    internal sealed class ShippedAssemblies
    {
        private readonly Dictionary<string, Shipped> _byName;
        private int _added;

        public ShippedAssemblies(string folder)
        {
            _byName = Directory.GetFiles(folder, "*.dll")
                .Select(path => new Shipped(AssemblyName.GetAssemblyName(path), path))
                .ToDictionary(shipped => shipped.Name.Name, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// Hooks <see cref="AppDomain.AssemblyResolve"/> the first time only: Import-Module -Force
        /// runs the module's initializer again in the same process. True when this call hooked it.
        /// </summary>
        public bool AddTo(AppDomain domain)
        {
            if (Interlocked.Exchange(ref _added, 1) == 1)
            {
                return false;
            }

            domain.AssemblyResolve += Resolve;
            return true;
        }

        /// <summary>
        /// Unhooks <see cref="AppDomain.AssemblyResolve"/> if this instance hooked it, so that a later
        /// <see cref="AddTo"/> (the module imported again) hooks it again. True when this call unhooked it.
        /// </summary>
        public bool RemoveFrom(AppDomain domain)
        {
            if (Interlocked.Exchange(ref _added, 0) == 0)
            {
                return false;
            }

            domain.AssemblyResolve -= Resolve;
            return true;
        }

        /// <summary>The file of the shipped assembly that satisfies the request, or null.</summary>
        public string? PathFor(AssemblyName requested)
        {
            if (requested.Name == null || !_byName.TryGetValue(requested.Name, out Shipped? shipped))
            {
                return null;
            }

            AssemblyName has = shipped.Name;
            bool versionMet = requested.Version == null || requested.Version <= has.Version;
            bool sameKey = IsEmpty(requested.GetPublicKeyToken()) || SameBytes(requested.GetPublicKeyToken(), has.GetPublicKeyToken());
            bool sameCulture = string.IsNullOrEmpty(requested.CultureName) || requested.CultureName == has.CultureName;
            return versionMet && sameKey && sameCulture ? shipped.Path : null;
        }

        private Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            string? path = PathFor(new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }

        private static bool IsEmpty(byte[]? bytes) => bytes == null || bytes.Length == 0;

        private static bool SameBytes(byte[]? a, byte[]? b) => (a ?? Array.Empty<byte>()).SequenceEqual(b ?? Array.Empty<byte>());

        private sealed class Shipped
        {
            public Shipped(AssemblyName name, string path)
            {
                Name = name;
                Path = path;
            }

            public AssemblyName Name { get; }

            public string Path { get; }
        }
    }
}
