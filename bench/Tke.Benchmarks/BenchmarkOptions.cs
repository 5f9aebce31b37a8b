using System.Globalization;

namespace Tke.Benchmarks;

/// <summary>Command-line settings of the load generator.</summary>
public sealed record BenchmarkOptions
{
    public const string Usage = """
        tke-bench: load generator for the tke API server (HTTPS, SQLite backend).

        Usage: tke-bench [options]
               tke-bench authz [options]   (policy engine decisions, no server; see tke-bench authz --help)
               tke-bench tokens            (bearer-token validation on one thread, no server)
               tke-bench clusters [options] (cluster proxy, health probes, large cluster; see tke-bench clusters --help)
               tke-bench registry [options] (image registry against Debian's docker-registry; see tke-bench registry --help)

        By default it starts `dotnet <tke.dll> serve` in a fresh temporary directory on a
        random loopback port, runs every phase, stops the server and deletes the directory.
        Progress goes to stderr; the Markdown report goes to stdout. Exit code 0 when every
        target is met, 1 when one is missed, 2 on a usage or start-up error.

        Phases: create, get, list, watch (create always runs when get or list is selected,
        as they read the objects it creates).

        Options:
          --objects N             objects created, which also fill the list (default 10000)
          --create-clients N      concurrent creating clients (default 32)
          --get-seconds S         duration of the get phase (default 10)
          --get-clients N         concurrent getting clients (default 64)
          --list-runs N           measured full lists, after one warm-up list (default 10)
          --watchers N            concurrent watch streams (default 1000)
          --watch-writes N        writes observed by the watchers (default 50)
          --watch-interval-ms N   spacing of those writes (default 100)
          --object-bytes N        size of each create request body (default 900, about 1 KiB as stored)
          --protocol h1|h2        create/get/list: h1 = one HTTP/1.1 connection per client,
                                  h2 = all clients multiplexed on one HTTP/2 connection (default h1)
          --watch-protocol h1|h2  watch: h1 = one connection per watcher, h2 = watches multiplexed
                                  on HTTP/2 connections (default h2)
          --watchers-per-connection N
                                  h2 watches carried by each connection (default 100)
          --phases LIST           comma-separated subset of create,get,get-authz,list,watch (default all);
                                  get-authz repeats get as a policy-authorised user who logged in
                                  through OIDC (needs the server the benchmark starts)
          --phase-timeout S       upper bound of each phase in seconds (default 180)
          --quiet-wait S          before each phase, wait up to S seconds for other processes on the
                                  machine to use under 0.25 cores (default 60; 0 skips the wait)
          --resource PATH         collection to load (default /apis/platform.tkestack.io/v1/configmaps)
          --tke-dll PATH          server to start (default: src/Tke.Cli/bin/Release/net10.0/tke.dll
                                  under the directory holding tke.slnx)
          --server-env NAME=VALUE environment variable for the started server, e.g. a runtime
                                  setting to compare (repeatable)
          --server URL            use a running server instead (needs --token and --ca); its
                                  memory cannot be reported, and created objects are deleted at the end
          --token T               bearer token for --server
          --ca FILE               PEM CA bundle that signed --server's certificate
          --keep-objects          with --server, leave the created objects in place
          --quick                 small numbers for a smoke run
          --help                  this text
        """;

    public int Objects { get; init; } = 10_000;

    public int CreateClients { get; init; } = 32;

    public double GetSeconds { get; init; } = 10;

    public int GetClients { get; init; } = 64;

    public int ListRuns { get; init; } = 10;

    public int Watchers { get; init; } = 1000;

    public int WatchWrites { get; init; } = 50;

    public int WatchIntervalMs { get; init; } = 100;

    public int ObjectBytes { get; init; } = 900;

    public HttpProtocol Protocol { get; init; } = HttpProtocol.Http11;

    public HttpProtocol WatchProtocol { get; init; } = HttpProtocol.Http2;

    public int WatchersPerConnection { get; init; } = 100;

    public IReadOnlySet<string> Phases { get; init; } = AllPhases;

    public TimeSpan PhaseTimeout { get; init; } = TimeSpan.FromSeconds(180);

    public TimeSpan QuietWait { get; init; } = TimeSpan.FromSeconds(60);

    public string Resource { get; init; } = "/apis/platform.tkestack.io/v1/configmaps";

    public string? TkeDll { get; init; }

    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    public Uri? Server { get; init; }

    public string? Token { get; init; }

    public string? CaFile { get; init; }

    public bool KeepObjects { get; init; }

    public bool Quick { get; init; }

    public bool ShowHelp { get; init; }

    public static IReadOnlySet<string> AllPhases { get; } = new HashSet<string>(["create", "get", "get-authz", "list", "watch"], StringComparer.Ordinal);

    private static readonly HashSet<string> KnownOptions = new(StringComparer.Ordinal)
    {
        "--objects", "--create-clients", "--get-seconds", "--get-clients", "--list-runs", "--watchers", "--watch-writes",
        "--watch-interval-ms", "--watchers-per-connection", "--object-bytes", "--protocol", "--watch-protocol", "--phases", "--phase-timeout", "--quiet-wait", "--resource",
        "--tke-dll", "--server-env", "--server", "--token", "--ca", "--keep-objects", "--quick", "--help",
    };

    public bool Runs(string phase) => Phases.Contains(phase);

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var values = new List<(string Name, string? Value)>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (!KnownOptions.Contains(eq > 0 ? arg[..eq] : arg))
            {
                throw new ArgumentException($"unknown option {(eq > 0 ? arg[..eq] : arg)}");
            }

            if (eq > 0)
            {
                values.Add((arg[..eq], arg[(eq + 1)..]));
            }
            else if (arg is "--quick" or "--help" or "--keep-objects")
            {
                values.Add((arg, null));
            }
            else if (i + 1 < args.Count)
            {
                values.Add((arg, args[++i]));
            }
            else
            {
                throw new ArgumentException($"{arg} needs a value");
            }
        }

        // --quick only changes defaults, so explicit options still win whatever their order.
        var options = values.Any(v => v.Name == "--quick")
            ? new BenchmarkOptions { Quick = true, Objects = 500, GetSeconds = 2, GetClients = 16, ListRuns = 3, Watchers = 50, WatchWrites = 10, WatchIntervalMs = 50 }
            : new BenchmarkOptions();

        foreach (var (name, value) in values)
        {
            options = name switch
            {
                "--quick" => options,
                "--help" => options with { ShowHelp = true },
                "--keep-objects" => options with { KeepObjects = true },
                "--objects" => options with { Objects = Positive(name, value) },
                "--create-clients" => options with { CreateClients = Positive(name, value) },
                "--get-seconds" => options with { GetSeconds = PositiveSeconds(name, value) },
                "--get-clients" => options with { GetClients = Positive(name, value) },
                "--list-runs" => options with { ListRuns = Positive(name, value) },
                "--watchers" => options with { Watchers = Positive(name, value) },
                "--watch-writes" => options with { WatchWrites = Positive(name, value) },
                "--watch-interval-ms" => options with { WatchIntervalMs = Positive(name, value) },
                "--object-bytes" => options with { ObjectBytes = Positive(name, value) },
                "--protocol" => options with { Protocol = ParseProtocol(name, value) },
                "--watch-protocol" => options with { WatchProtocol = ParseProtocol(name, value) },
                "--watchers-per-connection" => options with { WatchersPerConnection = Positive(name, value) },
                "--phases" => options with { Phases = ParsePhases(value!) },
                "--phase-timeout" => options with { PhaseTimeout = TimeSpan.FromSeconds(PositiveSeconds(name, value)) },
                "--quiet-wait" => options with { QuietWait = value == "0" ? TimeSpan.Zero : TimeSpan.FromSeconds(PositiveSeconds(name, value)) },
                "--resource" => options with { Resource = value!.TrimEnd('/') },
                "--tke-dll" => options with { TkeDll = value },
                "--server-env" => options with { ServerEnvironment = WithVariable(options.ServerEnvironment, value!) },
                "--server" => options with { Server = ParseServer(value!) },
                "--token" => options with { Token = value },
                "--ca" => options with { CaFile = value },
                _ => throw new ArgumentException($"unknown option {name}"),
            };
        }

        if (options.Server is not null && (string.IsNullOrEmpty(options.Token) || string.IsNullOrEmpty(options.CaFile)))
        {
            throw new ArgumentException("--server needs --token and --ca");
        }

        if (options.ObjectBytes < 300)
        {
            throw new ArgumentException("--object-bytes must be at least 300 (the envelope alone takes about 200)");
        }

        if (!options.Resource.StartsWith("/apis/", StringComparison.Ordinal) || options.Resource.Split('/', StringSplitOptions.RemoveEmptyEntries).Length != 4)
        {
            throw new ArgumentException("--resource must be a cluster-scoped collection path, /apis/GROUP/VERSION/PLURAL");
        }

        return options;
    }

    private static int Positive(string name, string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive integer");

    private static double PositiveSeconds(string name, string? value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s > 0
            ? s
            : throw new ArgumentException($"{name} must be a positive number of seconds");

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> environment, string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new ArgumentException("--server-env takes NAME=VALUE");
        }

        return new Dictionary<string, string>(environment, StringComparer.Ordinal) { [assignment[..eq]] = assignment[(eq + 1)..] };
    }

    private static HttpProtocol ParseProtocol(string name, string? value) => value switch
    {
        "h1" or "http1.1" => HttpProtocol.Http11,
        "h2" or "http2" => HttpProtocol.Http2,
        _ => throw new ArgumentException($"{name} must be h1 or h2"),
    };

    private static IReadOnlySet<string> ParsePhases(string value)
    {
        var phases = new HashSet<string>(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
        var unknown = phases.Except(AllPhases).ToList();
        return unknown.Count > 0 || phases.Count == 0
            ? throw new ArgumentException($"--phases takes a subset of {string.Join(',', AllPhases)}")
            : phases;
    }

    private static Uri ParseServer(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? new Uri(uri.GetLeftPart(UriPartial.Authority) + "/")
            : throw new ArgumentException("--server must be an https:// URL");
}
