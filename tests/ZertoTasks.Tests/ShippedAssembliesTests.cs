using System;
using System.IO;
using System.Reflection;
using System.Text.Json;
using Xunit;
using ZertoTasks.Hosting;

namespace ZertoTasks.Tests
{
    /// <summary>
    /// What the module's AssemblyResolve handler answers on Windows PowerShell 5.1, read from
    /// real assembly files in a folder: a strong-named one (System.Text.Json) and an unsigned one.
    /// </summary>
    public sealed class ShippedAssembliesTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "zt-shipped-" + Guid.NewGuid().ToString("N"));
        private readonly AssemblyName _json = typeof(JsonSerializer).Assembly.GetName();
        private readonly AssemblyName _core = typeof(ZvmSession).Assembly.GetName();
        private readonly ShippedAssemblies _shipped;

        public ShippedAssembliesTests()
        {
            Directory.CreateDirectory(_folder);
            File.Copy(typeof(JsonSerializer).Assembly.Location, Path.Combine(_folder, "System.Text.Json.dll"));
            File.Copy(typeof(ZvmSession).Assembly.Location, Path.Combine(_folder, "ZertoTasks.Core.dll"));
            _shipped = new ShippedAssemblies(_folder);
        }

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        [Fact]
        public void A_request_for_the_shipped_version_or_an_older_one_gets_the_shipped_copy()
        {
            string expected = Path.Combine(_folder, "System.Text.Json.dll");
            Assert.Equal(expected, _shipped.PathFor(Request(_json, _json.Version!)));
            Assert.Equal(expected, _shipped.PathFor(Request(_json, new Version(4, 0, 1, 0))));
            Assert.Equal(expected, _shipped.PathFor(new AssemblyName("system.text.json")));
            Assert.Equal(Path.Combine(_folder, "ZertoTasks.Core.dll"), _shipped.PathFor(Request(_core, _core.Version!)));
        }

        [Fact]
        public void A_request_for_a_newer_version_is_left_to_others()
        {
            var newer = new Version(_json.Version!.Major, _json.Version.Minor, _json.Version.Build, _json.Version.Revision + 1);
            Assert.Null(_shipped.PathFor(Request(_json, newer)));
            Assert.Null(_shipped.PathFor(Request(_json, new Version(_json.Version.Major + 1, 0))));
        }

        [Fact]
        public void A_request_for_another_name_key_or_culture_is_left_to_others()
        {
            Assert.Null(_shipped.PathFor(new AssemblyName("System.Memory, Version=4.0.1.2")));
            AssemblyName otherKey = Request(_json, _json.Version!);
            otherKey.SetPublicKeyToken(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 });
            Assert.Null(_shipped.PathFor(otherKey));
            AssemblyName satellite = Request(_json, _json.Version!);
            satellite.CultureName = "de";
            Assert.Null(_shipped.PathFor(satellite));
        }

        [Fact]
        public void The_handler_is_added_once_however_often_the_module_is_imported()
        {
            var domain = AppDomain.CurrentDomain;
            Assert.True(_shipped.AddTo(domain));
            Assert.False(_shipped.AddTo(domain));
            Assert.False(_shipped.AddTo(domain));
            Assert.True(_shipped.RemoveFrom(domain));
        }

        [Fact]
        public void The_handler_is_removed_once_and_added_again_by_a_later_import()
        {
            var domain = AppDomain.CurrentDomain;
            Assert.False(_shipped.RemoveFrom(domain));
            Assert.True(_shipped.AddTo(domain));
            Assert.True(_shipped.RemoveFrom(domain));
            Assert.False(_shipped.RemoveFrom(domain));
            Assert.True(_shipped.AddTo(domain));
            Assert.True(_shipped.RemoveFrom(domain));
        }

        [Fact]
        public void The_module_counts_as_used_until_the_last_runspace_removes_it()
        {
            var users = new ModuleUsers();
            object first = new object(), second = new object();
            Assert.True(users.Enter(first));
            Assert.False(users.Enter(first)); // imported again in the same runspace
            Assert.False(users.Enter(second));
            Assert.False(users.Leave(first));
            Assert.True(users.Leave(second));
            Assert.True(users.Enter(second)); // a later import
        }

        private static AssemblyName Request(AssemblyName name, Version version)
        {
            var request = (AssemblyName)name.Clone();
            request.Version = version;
            return request;
        }
    }
}
