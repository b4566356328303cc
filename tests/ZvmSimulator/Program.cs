using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZvmSimulator;
using ZvmSimulator.Auth;
using ZvmSimulator.Faults;
using ZvmSimulator.Names;
using ZvmSimulator.Tasks;

// A loopback ZVM for tests: see SimulatorOptions.Usage. Prints one line,
// "ZVMSIM LISTENING <url>", once it listens; everything else goes to stderr.
SimulatorOptions options;
TaskStore store;
try
{
    options = SimulatorOptions.Parse(args);
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

var stats = new SimStats();
IApiAuth auth = options.Kind == ZvmKind.Windows ? new WindowsSessions(options, stats) : new KeycloakTokens(options, stats);
using var certificate = options.Https ? SelfSignedCertificate.Create() : null;

// Inherited addresses (set in containers, for one) would only make Kestrel warn: it binds 127.0.0.1 below.
foreach (var prefix in new[] { "ASPNETCORE_", "DOTNET_" })
{
    foreach (var name in new[] { "URLS", "HTTP_PORTS", "HTTPS_PORTS" })
    {
        Environment.SetEnvironmentVariable(prefix + name, null);
    }
}
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.ClearProviders();
builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
{
    if (certificate is not null)
    {
        listen.UseHttps(certificate);
    }
}));

var app = builder.Build();
var log = new RequestLog();
var faults = new FaultInjector(auth);
var delay = new ServerDelay(options.DelayMs, options.DelayPath);
app.Use(log.Middleware);
app.Use(delay.Middleware);
app.Use(faults.Middleware);

auth.MapLogin(app);
var scripts = new TaskScripts();
new TaskEndpoints(store, stats, scripts).Map(app.MapGroup("/v1/tasks")
    .AddEndpointFilter(async (call, next) => auth.Reject(call.HttpContext) ?? await next(call)));
var names = new NameEndpoints(options.Generate is null ? NameStore.Recorded(options.Kind) : NameStore.Generated(options.Kind));
names.Map(app.MapGroup("/v1").AddEndpointFilter(async (call, next) => auth.Reject(call.HttpContext) ?? await next(call)));
names.MapHooks(app.MapGroup("/_sim"));
app.Map("/v1/{**rest}", () => Json.Message(StatusCodes.Status404NotFound, "No HTTP resource was found that matches the request URI."));
SimEndpoints.Map(app, log, faults, delay, auth, stats, scripts, certificate);

await app.StartAsync();
// WebApplication.Urls is the server's IServerAddressesFeature: the port really bound.
var url = app.Urls.First();
Console.Out.WriteLine("ZVMSIM LISTENING " + url);
Console.Out.Flush();
ExitWatchers.Start(options, app.Lifetime);
await app.WaitForShutdownAsync();
return 0;

static TaskStore LoadTasks(SimulatorOptions options)
{
    var types = Recordings.Types(options.Kind);
    // The demo's "last day" views need the newest task half an hour ago.
    DateTime? rebaseTo = options.RebaseDates ? DateTime.UtcNow.AddMinutes(-30) : null;
    if (options.Generate is int count)
    {
        return TaskGenerator.Generate(options.Kind, count, types, rebaseTo);
    }
    var json = options.DataFile is string file ? File.ReadAllBytes(file) : Recordings.Tasks(options.Kind);
    return TaskLoader.Load(json, types, rebaseTo);
}
