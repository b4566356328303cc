using System;
using System.Globalization;

namespace ZvmSimulator;

/// <summary>Which ZVM the simulator imitates.</summary>
internal enum ZvmKind
{
    Windows,
    Appliance,
}

/// <summary>The command line, parsed by hand: every switch is optional.</summary>
internal sealed class SimulatorOptions
{
    public ZvmKind Kind { get; private set; } = ZvmKind.Windows;
    public bool Https { get; private set; }
    /// <summary>No ZVM at all: a web server that answers every request 404 with an HTML page.</summary>
    public bool Plain { get; private set; }
    public int Port { get; private set; }
    /// <summary>How many ZVMs this process stands for, each on its own free port.</summary>
    public int Zvms { get; private set; } = 1;
    public int? ParentPid { get; private set; }
    public bool IgnoreStdin { get; private set; }
    /// <summary>Leaves the terminal's session at start (Linux, macOS), so its Ctrl+C never reaches the simulator.</summary>
    public bool NewSession { get; private set; }
    public string? DataFile { get; private set; }
    public int? Generate { get; private set; }
    /// <summary>With --generate: how many of the generated site's VPGs its tasks name (default all 1,000).</summary>
    public int GeneratedVpgs { get; private set; } = Names.GeneratedSite.VpgCount;
    /// <summary>Recordings of their own instead of the default ones: "failover" serves failover tests and recovery reports.</summary>
    public string? Profile { get; private set; }
    public bool RebaseDates { get; private set; }
    /// <summary>With --rebase-dates: how long ago the newest task started (default 30 minutes).</summary>
    public TimeSpan NewestAge { get; private set; } = TimeSpan.FromMinutes(30);
    public string User { get; private set; } = "admin";
    // ZVMSIM_PASSWORD and ZVMSIM_CLIENT_SECRET, when set, replace the defaults: a password given
    // that way is not in the command line, which every local user can read (ps, /proc).
    // Settable through POST /_sim/password: a password changed in the directory.
    public string Password { get; set; } = FromEnvironment("ZVMSIM_PASSWORD") ?? "ZvmSim-Pa55word!";
    public string ClientId { get; private set; } = "zerto-automation";
    public string ClientSecret { get; private set; } = FromEnvironment("ZVMSIM_CLIENT_SECRET") ?? "ZvmSim-Cl1ent-Secret";
    public TimeSpan TokenLifetime { get; private set; } = TimeSpan.FromSeconds(300);
    public TimeSpan RefreshLifetime { get; private set; } = TimeSpan.FromSeconds(1800);
    public int DelayMs { get; private set; }
    public string DelayPath { get; private set; } = "/";
    /// <summary>How far the simulated ZVM's clock is from the host's (the Date header and live tasks follow it).</summary>
    public TimeSpan ClockOffset { get; private set; }
    /// <summary>Live mode's generator: a new task this often (null: only the tasks tests start through /_sim/live/tasks).</summary>
    public TimeSpan? LiveEvery { get; private set; }

    public const string Usage =
        "usage: ZvmSimulator [--kind Windows|Appliance | --plain] [--https] [--port N | --zvms N] [--parent-pid P] [--ignore-stdin]\n" +
        "                    [--new-session]   (Linux, macOS: out of the terminal's session, away from its Ctrl+C)\n" +
        "                    [--data FILE | --generate N [--vpgs V] | --profile failover] [--rebase-dates [--newest-days-ago D]]\n" +
        "                    [--user U] [--password P] [--client-id C] [--client-secret S]\n" +
        "                    (or the environment's ZVMSIM_PASSWORD, ZVMSIM_CLIENT_SECRET: out of sight of ps)\n" +
        "                    [--token-lifetime SECONDS] [--refresh-lifetime SECONDS]\n" +
        "                    [--delay-ms N [--delay-path PREFIX]]   (think time before every answer, default path /)\n" +
        "                    [--clock-offset SECONDS] [--live-every SECONDS]   (the ZVM's clock; a new live task every N s)";

    /// <exception cref="ArgumentException">An unknown switch or a bad value.</exception>
    public static SimulatorOptions Parse(string[] args)
    {
        var o = new SimulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name.ToLowerInvariant())
            {
                case "--kind":
                    o.Kind = Value().ToLowerInvariant() switch
                    {
                        "windows" => ZvmKind.Windows,
                        "appliance" => ZvmKind.Appliance,
                        var other => throw new ArgumentException($"--kind takes Windows or Appliance, not '{other}'"),
                    };
                    break;
                case "--https": o.Https = true; break;
                case "--plain": o.Plain = true; break;
                case "--port": o.Port = ParseInt(name, Value(), 0, 65535); break;
                case "--zvms": o.Zvms = ParseInt(name, Value(), 1, 1000); break;
                case "--parent-pid": o.ParentPid = ParseInt(name, Value(), 1, int.MaxValue); break;
                // For running it by hand in the background, where stdin is /dev/null.
                case "--ignore-stdin": o.IgnoreStdin = true; break;
                case "--new-session": o.NewSession = true; break;
                case "--data": o.DataFile = Value(); break;
                case "--generate": o.Generate = ParseInt(name, Value(), 0, 1_000_000); break;
                case "--vpgs": o.GeneratedVpgs = ParseInt(name, Value(), 1, Names.GeneratedSite.VpgCount); break;
                case "--profile":
                    o.Profile = Value().ToLowerInvariant() is "failover" ? "failover"
                        : throw new ArgumentException($"--profile takes failover, not '{args[i]}'");
                    break;
                case "--rebase-dates": o.RebaseDates = true; break;
                // A quiet or lab ZVM, whose newest task is months old.
                case "--newest-days-ago":
                    o.RebaseDates = true;
                    o.NewestAge = TimeSpan.FromDays(ParseInt(name, Value(), 0, 36_500));
                    break;
                case "--user": o.User = Value(); break;
                case "--password": o.Password = Value(); break;
                case "--client-id": o.ClientId = Value(); break;
                case "--client-secret": o.ClientSecret = Value(); break;
                case "--token-lifetime": o.TokenLifetime = TimeSpan.FromSeconds(ParseInt(name, Value(), 1, int.MaxValue)); break;
                case "--refresh-lifetime": o.RefreshLifetime = TimeSpan.FromSeconds(ParseInt(name, Value(), 1, int.MaxValue)); break;
                case "--delay-ms": o.DelayMs = ParseInt(name, Value(), 0, 600_000); break;
                case "--delay-path":
                    o.DelayPath = Value();
                    if (!o.DelayPath.StartsWith('/'))
                    {
                        throw new ArgumentException($"--delay-path must start with '/', not '{o.DelayPath}'");
                    }
                    break;
                case "--clock-offset":
                    var offset = Value();
                    o.ClockOffset = TimeSpan.FromSeconds(offset.StartsWith('-') ? -ParseInt(name, offset[1..], 0, 100_000_000) : ParseInt(name, offset, 0, 100_000_000));
                    break;
                case "--live-every": o.LiveEvery = TimeSpan.FromSeconds(ParseInt(name, Value(), 1, 86_400)); break;
                default: throw new ArgumentException($"unknown argument '{name}'");
            }
        }
        if (o.Zvms > 1 && o.Port != 0)
        {
            throw new ArgumentException("--port names one ZVM's port; with --zvms each ZVM takes a free port");
        }
        if (o.Profile is not null && (o.DataFile is not null || o.Generate is not null))
        {
            throw new ArgumentException("--profile excludes --data and --generate");
        }
        if (o.DataFile is not null && o.Generate is not null)
        {
            throw new ArgumentException("--data and --generate exclude each other");
        }
        return o;
    }

    private static string? FromEnvironment(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int ParseInt(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} takes a number from {min} to {max}, not '{text}'");
}
