using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.Benchmarks;

/// <summary>
/// `tke-bench registry`: the registry inside `tke serve` side by side with Debian's
/// `docker-registry` (the reference Distribution implementation, filesystem storage), both over
/// TLS on loopback, measured with the same clients: a fast HTTP client for blob push and pull and
/// manifest PUTs, skopeo for an end-to-end copy of a many-layer image, and /proc for CPU and memory.
/// </summary>
public static class RegistryBenchmark
{
    public const string Usage = """
        Usage: tke-bench registry [options]
          --blob-mib N      size of the monolithic blob (default 1024)
          --manifests N     distinct manifest PUTs (default 1000)
          --clients N       concurrent clients for the manifest PUTs (default 8)
          --layers N        layers of the skopeo image (default 50)
          --layer-kib N     size of each of those layers (default 2048)
          --no-baseline     measure `tke serve` only
          --tke-dll PATH    the server build (default src/Tke.Cli/bin/Release/net10.0/tke.dll)

        The baseline is /usr/bin/docker-registry (apt-get install docker-registry); skopeo is needed too.

        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--blob-mib"] = "1024", ["--manifests"] = "1000", ["--clients"] = "8", ["--layers"] = "50", ["--layer-kib"] = "2048", ["--tke-dll"] = "",
        };
        var baseline = true;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                await Console.Out.WriteAsync(Usage);
                return 0;
            }

            if (args[i] == "--no-baseline")
            {
                baseline = false;
                continue;
            }

            if (!settings.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                await Console.Error.WriteLineAsync($"tke-bench registry: unknown option or missing value: {args[i]}");
                return 2;
            }

            settings[args[i]] = args[++i];
        }

        int Number(string name) => int.Parse(settings[name], CultureInfo.InvariantCulture);
        var dll = settings["--tke-dll"] is { Length: > 0 } given ? given : TkeDllLocator.Find();
        if (dll is null || !File.Exists(dll))
        {
            await Console.Error.WriteLineAsync($"tke-bench registry: server not found at {dll}; build it with `dotnet build src/Tke.Cli -c Release` or pass --tke-dll");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        var work = Directory.CreateTempSubdirectory("tke-bench-registry-data-").FullName;
        ServerProcess? platform = null;
        RegistryBaselineProcess? reference = null;
        try
        {
            Progress.Report($"writing a {Number("--blob-mib")} MiB blob and a {Number("--layers")}-layer image");
            using var blob = await RegistryBlobFile.CreateAsync(work, Number("--blob-mib") * (1L << 20), stop.Token);
            var layout = await RegistrySkopeoPhase.CreateLayoutAsync(Path.Combine(work, "layout"), Number("--layers"), Number("--layer-kib") * 1024, stop.Token);

            Progress.Report("starting tke serve");
            platform = await ServerProcess.StartAsync(Path.GetFullPath(dll), new Dictionary<string, string>(), TimeSpan.FromSeconds(90), stop.Token);
            var tke = await PlatformEndpointAsync(platform, stop.Token);
            Progress.Report($"tke serve pid {tke.Pid} on {tke.BaseAddress}");
            var columns = new List<(RegistryEndpoint Endpoint, RegistryFigures Figures)> { (tke, await MeasureAsync(tke, blob, layout, Number("--manifests"), Number("--clients"), stop.Token)) };

            if (baseline)
            {
                reference = await RegistryBaselineProcess.StartAsync(stop.Token);
                Progress.Report($"docker-registry pid {reference.Endpoint.Pid} on {reference.Endpoint.BaseAddress}");
                columns.Add((reference.Endpoint, await MeasureAsync(reference.Endpoint, blob, layout, Number("--manifests"), Number("--clients"), stop.Token)));
            }

            await Console.Out.WriteAsync(Render(columns, blob.Size, Number("--manifests"), Number("--clients"), Number("--layers"), Number("--layer-kib")));
            var own = columns[0].Figures;
            return own.PushMBps >= 300 && own.PushCpuSecondsPerGiB <= 1.5 && own.PullMBps >= 1000 && own.ManifestsPerSecond >= 1000 && own.PeakRssBytes < 200L << 20 ? 0 : 1;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("tke-bench registry: interrupted");
            return 130;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException or FormatException)
        {
            await Console.Error.WriteLineAsync($"tke-bench registry: {e.Message}");
            if (platform?.RecentOutput is { } output)
            {
                await Console.Error.WriteLineAsync($"tke serve output (last lines):{Environment.NewLine}{output}");
            }

            return 2;
        }
        finally
        {
            if (reference is not null)
            {
                await reference.DisposeAsync();
            }

            if (platform is not null)
            {
                await platform.DisposeAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task WarmUpAsync(RegistryEndpoint endpoint, RegistryBlobFile blob, int rounds, CancellationToken cancellationToken)
    {
        for (var round = 0; round < rounds; round++)
        {
            await new RegistryBlobPhase(endpoint).RunAsync(blob, cancellationToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
    }

    private static async Task<RegistryFigures> MeasureAsync(RegistryEndpoint endpoint, RegistryBlobFile blob, string layout, int manifests, int clients, CancellationToken cancellationToken)
    {
        // Smaller blobs pushed and pulled first, so the measured push pays neither for start-up
        // (first token, first connection) nor for .NET's tiered compilation: it recompiles a method
        // with full optimisation only once it has been called 30 times after start-up activity
        // settles, in the background. A server in steady state has done that long ago; the pauses
        // let the runtime start counting and then finish compiling.
        using (var large = await RegistryBlobFile.CreateAsync(Path.GetDirectoryName(layout)!, 64 << 20, cancellationToken, "warm-up-large.bin"))
        using (var small = await RegistryBlobFile.CreateAsync(Path.GetDirectoryName(layout)!, 1 << 20, cancellationToken, "warm-up-small.bin"))
        {
            await WarmUpAsync(endpoint, large, 3, cancellationToken);
            await WarmUpAsync(endpoint, small, 40, cancellationToken);
            await WarmUpAsync(endpoint, large, 3, cancellationToken);
        }

        ReportMemory(endpoint, "after start-up and the warm-up pushes and pulls");
        Progress.Report($"{endpoint.Name}: monolithic push and pull of the blob");
        var blobs = await new RegistryBlobPhase(endpoint).RunAsync(blob, cancellationToken);
        ReportMemory(endpoint, "after the blob push and pull");
        Progress.Report($"{endpoint.Name}: {manifests} manifest PUTs from {clients} clients");
        var manifestRate = await new RegistryManifestPhase(endpoint).RunAsync(manifests, clients, cancellationToken);
        ReportMemory(endpoint, "after the manifest PUTs");
        Progress.Report($"{endpoint.Name}: skopeo push and pull");
        var skopeo = await new RegistrySkopeoPhase(endpoint).RunAsync(layout, cancellationToken);
        ReportMemory(endpoint, "after skopeo");
        var peak = ProcessStatus.Read(endpoint.Pid)?.PeakRssBytes ?? 0;
        return new RegistryFigures(blobs.PushMBps, blobs.PushCpuSecondsPerGiB, blobs.PullMBps, manifestRate, skopeo.PushSeconds, skopeo.PullSeconds, peak);
    }

    private static void ReportMemory(RegistryEndpoint endpoint, string when)
    {
        if (ProcessStatus.Read(endpoint.Pid) is { } status)
        {
            Progress.Report($"{endpoint.Name}: RSS {status.RssBytes >> 20} MiB, peak {status.PeakRssBytes >> 20} MiB {when}");
        }
    }

    /// <summary>`tke serve` as a registry: a registry namespace "bench" to push into, its CA for
    /// skopeo, and the first administrator's password for the token service.</summary>
    private static async Task<RegistryEndpoint> PlatformEndpointAsync(ServerProcess platform, CancellationToken cancellationToken)
    {
        using (var admin = new ApiClient(platform.Target, HttpProtocol.Http11, 1, TimeSpan.FromSeconds(30)))
        {
            var body = new JsonObject
            {
                ["apiVersion"] = "registry.tkestack.io/v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = "bench" },
                ["spec"] = new JsonObject { ["name"] = "bench", ["tenantID"] = "default", ["visibility"] = "Private", ["displayName"] = "benchmark" },
            };
            using var created = await admin.Http.PostAsync("/apis/registry.tkestack.io/v1/namespaces", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken);
            if (!created.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"creating the registry namespace answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }

        var certDir = Directory.CreateDirectory(Path.Combine(platform.DataDir, "client-certs")).FullName;
        File.Copy(Path.Combine(platform.DataDir, "data", "pki", "ca.crt"), Path.Combine(certDir, "ca.crt"), overwrite: true);
        return new RegistryEndpoint("tke serve", platform.Target.BaseAddress, platform.Pid, platform.Target.CertificateAuthorities, certDir, "admin", ServerProcess.AdminPassword, "bench/");
    }

    private static string Render(IReadOnlyList<(RegistryEndpoint Endpoint, RegistryFigures Figures)> columns, long blobBytes, int manifests, int clients, int layers, int layerKib)
    {
        string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
        var rows = new (string Measurement, Func<RegistryFigures, string> Value, string Target, Func<RegistryFigures, bool?> Passed)[]
        {
            ($"monolithic push of a {blobBytes >> 20} MiB blob (MB/s)", f => F(f.PushMBps, "F0"), "≥ 300", f => f.PushMBps >= 300),
            ("registry CPU during that push (CPU-s per GiB)", f => F(f.PushCpuSecondsPerGiB, "F2"), "≤ 1.5", f => f.PushCpuSecondsPerGiB <= 1.5),
            ("pull of the same blob (MB/s)", f => F(f.PullMBps, "F0"), "≥ 1,000", f => f.PullMBps >= 1000),
            ($"{manifests:N0} distinct manifest PUTs, {clients} clients (per s)", f => F(f.ManifestsPerSecond, "N0"), "≥ 1,000", f => f.ManifestsPerSecond >= 1000),
            ($"skopeo push, {layers} layers × {layerKib / 1024.0:0.#} MiB (s)", f => F(f.SkopeoPushSeconds, "F2"), "—", _ => null),
            ($"skopeo pull of that image (s)", f => F(f.SkopeoPullSeconds, "F2"), "—", _ => null),
            ("registry peak RSS (VmHWM, MiB)", f => F(f.PeakRssBytes / 1048576.0, "F0"), "< 200", f => f.PeakRssBytes < 200L << 20),
        };

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"tke-bench registry on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: {string.Join(" and ", columns.Select(c => $"`{c.Endpoint.Name}` (pid {c.Endpoint.Pid})"))}, one after the other, HTTPS on loopback, filesystem storage.");
        md.AppendLine();
        md.AppendLine("- server figures: one .NET HttpClient over HTTP/1.1 (1 MiB buffers, the blob streamed from a file in the page cache; POST + one PUT with ?digest=); Docker's token flow once per repository for `tke serve`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- client: .NET {Environment.Version}, {Environment.ProcessorCount} processors, {RuntimeInformation.OSDescription}; clients and registries share the machine");
        md.AppendLine();
        md.Append("| measurement |");
        foreach (var (endpoint, _) in columns)
        {
            md.Append(CultureInfo.InvariantCulture, $" {endpoint.Name} |");
        }

        md.AppendLine(" target | result (tke serve) |");
        md.AppendLine("|---|" + string.Concat(Enumerable.Repeat("---|", columns.Count)) + "---|---|");
        foreach (var row in rows)
        {
            md.Append(CultureInfo.InvariantCulture, $"| {row.Measurement} |");
            foreach (var (_, figures) in columns)
            {
                md.Append(CultureInfo.InvariantCulture, $" {row.Value(figures)} |");
            }

            var verdict = row.Passed(columns[0].Figures) switch { true => "pass", false => "**miss**", null => "—" };
            md.AppendLine(CultureInfo.InvariantCulture, $" {row.Target} | {verdict} |");
        }

        return md.ToString();
    }
}
