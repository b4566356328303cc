using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZvmSimulator.Auth;
using ZvmSimulator.Faults;
using ZvmSimulator.Live;
using ZvmSimulator.Names;
using ZvmSimulator.Reports;
using ZvmSimulator.Tasks;

namespace ZvmSimulator;

/// <summary>
/// One simulated ZVM: its own listener, sessions, request log, faults and counters. Several
/// of them share a process (and the read-only task store), so 50 ZVMs fit on a small machine.
/// </summary>
internal static class SimulatedZvm
{
    public static async Task<WebApplication> StartAsync(SimulatorOptions options, TaskStore store, X509Certificate2? certificate, int port)
    {
        var stats = new SimStats();
        IApiAuth auth = options.Kind == ZvmKind.Windows ? new WindowsSessions(options, stats) : new KeycloakTokens(options, stats);
        // No watching of appsettings.json: each watcher is an inotify instance, and 50 ZVMs in one
        // process beside other test runs used up the machine's 128.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var outage = new Outage(auth);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Use(stats.Connections.OnConnection);
            listen.Use(outage.OnConnection);
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));

        var app = builder.Build();
        var clock = new SimClock(options.ClockOffset);
        var live = new LiveTasks(clock, options.Kind, LiveTemplate(options.Kind), options.Generate is null ? RecordedSite(options.Kind) : GeneratedSite.Instance.LocalSite);
        app.Use(clock.Middleware);
        var log = new RequestLog();
        var faults = new FaultInjector(auth);
        var delay = new ServerDelay(options.DelayMs, options.DelayPath);
        app.Use(stats.Connections.Middleware);
        app.Use(log.Middleware);
        app.Use(outage.Middleware);
        app.Use(delay.Middleware);
        app.Use(faults.Middleware);

        var scripts = new TaskScripts(() => clock.Now);
        var names = new NameEndpoints(options.Generate is null ? NameStore.Recorded(options.Kind, options.Profile) : NameStore.Generated(options.Kind, options.GeneratedVpgs));
        var reports = new ReportEndpoints(options.Profile is not null ? ReportStore.Recorded(Recordings.Read(options.Kind, "reports", options.Profile))
            : store.Reports ?? ReportStore.Empty);
        names.MapHooks(app.MapGroup("/_sim"));
        if (options.Plain)
        {
            // Another web server on a ZVM's port: kind detection must send it no credential.
            const string notFoundPage = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n" +
                "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            app.MapFallback(() => Results.Text(notFoundPage, "text/html", statusCode: StatusCodes.Status404NotFound));
        }
        else
        {
            auth.MapLogin(app);
            new TaskEndpoints(store, stats, scripts, live).Map(app.MapGroup("/v1/tasks")
                .AddEndpointFilter(async (call, next) => auth.Reject(call.HttpContext) ?? await next(call)));
            var v1 = app.MapGroup("/v1").AddEndpointFilter(async (call, next) => auth.Reject(call.HttpContext) ?? await next(call));
            names.Map(v1);
            reports.Map(v1);
            app.Map("/v1/{**rest}", () => Json.Message(StatusCodes.Status404NotFound, "No HTTP resource was found that matches the request URI."));
        }
        SimEndpoints.Map(app, log, faults, delay, auth, stats, scripts, certificate, outage);
        SimEndpoints.MapPassword(app, options);
        LiveEndpoints.Map(app.MapGroup("/_sim"), live);
        if (options.LiveEvery is TimeSpan every)
        {
            LiveGenerator.Start(live, every, port + Environment.TickCount, app.Lifetime.ApplicationStopping);
        }

        await app.StartAsync();
        return app;
    }

    // The first recorded task, whose shape the live tasks copy.
    private static byte[] LiveTemplate(ZvmKind kind)
    {
        using var tasks = System.Text.Json.JsonDocument.Parse(Recordings.Tasks(kind));
        return System.Text.Encoding.UTF8.GetBytes(tasks.RootElement[0].GetRawText());
    }

    private static string RecordedSite(ZvmKind kind)
    {
        var site = System.Text.Json.Nodes.JsonNode.Parse(Recordings.Read(kind, "localsite"))!.AsObject();
        foreach (var (key, value) in site)
        {
            if (key.Equals("SiteIdentifier", StringComparison.OrdinalIgnoreCase) && value is not null)
            {
                return value.ToString();
            }
            if (key.Equals("link", StringComparison.OrdinalIgnoreCase) && value?["identifier"] is { } id)
            {
                return id.ToString();
            }
        }
        throw new InvalidOperationException("the recorded local site has no identifier");
    }
}
