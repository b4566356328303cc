using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using ZvmSimulator;
using ZvmSimulator.Tasks;

// Loopback ZVMs for tests: see SimulatorOptions.Usage. Prints one line per ZVM,
// "ZVMSIM LISTENING <url>", as it starts listening; everything else goes to stderr.
SimulatorOptions options;
TaskStore store;
try
{
    options = SimulatorOptions.Parse(args);
    if (options.NewSession)
    {
        NewSession.Enter();
    }
    store = LoadTasks(options);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("ZvmSimulator: " + e.Message);
    Console.Error.WriteLine(SimulatorOptions.Usage);
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or JsonException)
{
    Console.Error.WriteLine("ZvmSimulator: cannot read the task data: " + e.Message);
    return 2;
}

using var certificate = options.Https ? SelfSignedCertificate.Create() : null;

// Inherited addresses (set in containers, for one) would only make Kestrel warn: it binds 127.0.0.1 below.
foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
{
    foreach (var name in new[] { "URLS", "HTTP_PORTS", "HTTPS_PORTS" })
    {
        Environment.SetEnvironmentVariable(prefix + name, null);
    }
}

var zvms = new List<WebApplication>();
using var stopping = new CancellationTokenSource();
for (var i = 0; i < options.Zvms; i++)
{
    var zvm = await SimulatedZvm.StartAsync(options, store, certificate, options.Port);
    zvms.Add(zvm);
    // WebApplication.Urls is the server's IServerAddressesFeature: the port really bound.
    Console.Out.WriteLine("ZVMSIM LISTENING " + zvm.Urls.First());
}
Console.Out.Flush();
// Each ZVM stops alone on POST /_sim/shutdown; the process ends with the last one.
ExitWatchers.Start(options, () => zvms.ForEach(zvm => zvm.Lifetime.StopApplication()), stopping.Token);
await Task.WhenAll(zvms.Select(zvm => zvm.WaitForShutdownAsync()));
stopping.Cancel();
return 0;

static TaskStore LoadTasks(SimulatorOptions options)
{
    var types = Recordings.Types(options.Kind);
    // The demo's "last day" views need the newest task half an hour ago (the default age).
    DateTime? rebaseTo = options.RebaseDates ? DateTime.UtcNow - options.NewestAge : null;
    if (options.Generate is int count)
    {
        return TaskGenerator.Generate(options.Kind, count, types, rebaseTo, options.GeneratedVpgs);
    }
    var json = options.DataFile is string file ? File.ReadAllBytes(file) : Recordings.Tasks(options.Kind, options.Profile);
    return TaskLoader.Load(json, types, rebaseTo);
}
