using System.Globalization;
using System.Net;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Tke.Benchmarks;

public static class Program
{
    /// <summary>Other processes may use this much CPU before a phase starts (see --quiet-wait).</summary>
    private const double QuietThresholdCores = 0.25;

    public static async Task<int> Main(string[] args)
    {
        // The authorization phase measures the policy engine in process and needs no server.
        if (args.Length > 0 && args[0] == "authz")
        {
            return AuthorizationPhase.Run(args[1..]);
        }

        // Token validation is measured in process too.
        if (args.Length > 0 && args[0] == "tokens")
        {
            return TokenValidationPhase.Run();
        }

        // The cluster benchmark starts its own server and simulated clusters.
        if (args.Length > 0 && args[0] == "clusters")
        {
            return await ClustersBenchmark.RunAsync(args[1..]);
        }

        // The registry benchmark starts `tke serve` and the docker-registry baseline itself.
        if (args.Length > 0 && args[0] == "registry")
        {
            return await RegistryBenchmark.RunAsync(args[1..]);
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"tke-bench: {e.Message} (see --help)");
            return 2;
        }

        if (options.ShowHelp)
        {
            await Console.Out.WriteAsync(BenchmarkOptions.Usage);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop the phases and still kill the server and delete its directory
            stop.Cancel();
        };

        ServerProcess? server = null;
        try
        {
            ApiTarget target;
            if (options.Server is { } url)
            {
                target = ApiTarget.FromFiles(url, options.Token!, options.CaFile!);
                Progress.Report($"using the running server at {url}; its memory cannot be measured from here");
            }
            else
            {
                var dll = options.TkeDll ?? TkeDllLocator.Find();
                if (dll is null || !File.Exists(dll))
                {
                    await Console.Error.WriteLineAsync($"tke-bench: server not found at {dll ?? "(no tke.slnx above the current directory)"}; build it with `dotnet build src/Tke.Cli -c Release` or pass --tke-dll");
                    return 2;
                }

                Progress.Report($"starting dotnet {dll} serve");
                server = await ServerProcess.StartAsync(Path.GetFullPath(dll), options.ServerEnvironment, TimeSpan.FromSeconds(60), stop.Token);
                target = server.Target;
                Progress.Report($"server pid {server.Pid} is serving on {target.BaseAddress} (data in {server.DataDir})");
            }

            return await RunAsync(options, target, server, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("tke-bench: interrupted");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync($"tke-bench: {e.Message}");
            if (server is not null)
            {
                await Console.Error.WriteLineAsync($"server output (last lines):{Environment.NewLine}{server.RecentOutput}");
            }

            return 2;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<int> RunAsync(BenchmarkOptions options, ApiTarget target, ServerProcess? server, CancellationToken cancellationToken)
    {
        // A shared server may hold other runs' objects: a random run id keeps names apart.
        var runId = server is null ? "bench-" + Guid.NewGuid().ToString("N")[..6] : "bench";
        await using var monitor = new ResourceMonitor(server);
        var context = new BenchmarkContext(options, target, monitor, runId);
        await WaitUntilReadyAsync(context, cancellationToken);
        await new WarmUp(context).RunAsync(cancellationToken);
        var metrics = new ServerLatencyMetrics(context);

        // Each phase waits for a quiet machine, and is bracketed by reads of the server's own latency metrics.
        async Task<PhaseResult> MeasureAsync(Func<Task<PhaseResult>> phase, params string[] verbs)
        {
            if (options.QuietWait > TimeSpan.Zero)
            {
                await monitor.WaitForQuietAsync(QuietThresholdCores, options.QuietWait, cancellationToken);
            }

            var before = await metrics.SnapshotAsync(cancellationToken);
            var result = await phase();
            return result with { ServerHandlerMeanMs = ServerLatencyMetrics.MeanMilliseconds(before, await metrics.SnapshotAsync(cancellationToken), verbs) };
        }

        var results = new List<PhaseResult>();
        string[] names = [];
        if (options.Runs("create") || options.Runs("get") || options.Runs("list"))
        {
            var create = await MeasureAsync(async () =>
            {
                (var result, names) = await new CreatePhase(context).RunAsync(cancellationToken);
                return result;
            }, "CREATE");
            if (options.Runs("create"))
            {
                results.Add(create);
            }
        }

        var servedBytes = names.Length > 0 ? await ServedSizeAsync(context, names[0], cancellationToken) : 0;
        if (options.Runs("get") && names.Length > 0)
        {
            results.Add(await MeasureAsync(() => new GetPhase(context).RunAsync(names, cancellationToken), "GET"));
        }

        if (options.Runs("get-authz") && names.Length > 0 && server is not null)
        {
            // The same gets, as the admin logged in through OIDC: every request now goes through
            // token validation and the policy engine instead of the bootstrap token's bypass.
            var token = await OidcLogin.PasswordGrantAsync(context, "admin", ServerProcess.AdminPassword, cancellationToken);
            var asUser = new BenchmarkContext(options, target with { Token = token }, monitor, runId);
            results.Add(await MeasureAsync(() => new GetPhase(asUser).RunAsync(names, cancellationToken, "OIDC user, policies on"), "GET"));
        }

        if (options.Runs("list"))
        {
            results.Add(await MeasureAsync(() => new ListPhase(context).RunAsync(names.Length, cancellationToken), "LIST"));
        }

        if (options.Runs("watch"))
        {
            results.Add(await MeasureAsync(() => new WatchFanOutPhase(context).RunAsync(cancellationToken), "CREATE", "PATCH"));
        }

        ServerMemory? memory = null;
        if (server is not null)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("the server exited during the run");
            }

            var status = server.ReadStatus();
            memory = status is { } s ? new ServerMemory(s.PeakRssBytes, Math.Max(monitor.ServerPeakRssSampled, s.RssBytes)) : null;
        }
        else if (!options.KeepObjects)
        {
            await new ObjectCleanup(context).DeleteRunAsync(cancellationToken);
        }

        var header = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"tke-bench on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC against {target.BaseAddress} ({(server is null ? "an existing server" : $"started by the benchmark, pid {server.Pid}")}), SQLite backend, HTTPS on loopback."),
            "",
            string.Create(CultureInfo.InvariantCulture, $"- objects: ConfigMaps with a {options.ObjectBytes} B create body, {servedBytes} B as served by GET"),
            $"- create/get/list clients: {options.Protocol.Label()}; watch clients: {options.WatchProtocol.Label()}",
            server is null
                ? "- server: already running"
                : $"- server: `dotnet tke.dll serve` with its data and an empty working directory in a fresh temporary directory{(options.ServerEnvironment.Count == 0 ? "" : "; environment " + string.Join(", ", options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}")))}",
            string.Create(CultureInfo.InvariantCulture, $"- client: .NET {Environment.Version}, {Environment.ProcessorCount} processors, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {RuntimeInformation.OSDescription}"),
        };
        await Console.Out.WriteAsync(Report.Render(results, memory, header));
        return results.All(r => r.Passed != false) ? 0 : 1;
    }

    private static async Task WaitUntilReadyAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(HttpProtocol.Http11, 1, requestTimeout: TimeSpan.FromSeconds(5));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var reply = await client.Http.GetAsync(new Uri(context.Target.BaseAddress, "/readyz"), cancellationToken);
                if (reply.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"{context.Target.BaseAddress}readyz did not answer 200 within 30 s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task<int> ServedSizeAsync(BenchmarkContext context, string name, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(HttpProtocol.Http11, 1);
        var body = await client.Http.GetByteArrayAsync(context.ObjectUri(name), cancellationToken);
        return body.Length;
    }
}
