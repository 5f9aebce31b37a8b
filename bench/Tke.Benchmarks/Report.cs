using System.Globalization;
using System.Text;

namespace Tke.Benchmarks;

/// <summary>The Markdown report: the results table, the resources each phase used, and notes.</summary>
public static class Report
{
    public static string DescribeUsage(PhaseUsage usage)
    {
        var text = new StringBuilder();
        if (usage.ServerCores is { } server)
        {
            text.Append(CultureInfo.InvariantCulture, $"server {server:F2} cores, ");
        }

        text.Append(CultureInfo.InvariantCulture, $"client {usage.ClientCores:F2} cores, other {usage.OtherCores:F2} cores");
        if (usage.ServerPeakRssBytes is { } rss)
        {
            text.Append(CultureInfo.InvariantCulture, $", server RSS ≤ {Mebibytes(rss)}");
        }

        return text.ToString();
    }

    public static string Render(IReadOnlyList<PhaseResult> results, ServerMemory? memory, IReadOnlyList<string> header)
    {
        var md = new StringBuilder();
        foreach (var line in header)
        {
            md.AppendLine(line);
        }

        md.AppendLine();
        md.AppendLine("| phase | ops | ops/s | p50 | p99 | max | target | result |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Phase} | {r.Ops:N0} | {r.OpsPerSecond:N0} | {Ms(r.Latency.P50Ms)} | {Ms(r.Latency.P99Ms)} | {Ms(r.Latency.MaxMs)} | {r.Target} | {Verdict(r.Passed)} |");
        }

        md.AppendLine(memory is null
            ? "| server peak memory | — | — | — | — | — | — | not measured (external server) |"
            : $"| server peak memory (VmHWM) | — | — | — | — | {Mebibytes(memory.Value.PeakBytes)} | — | — |");

        md.AppendLine();
        md.AppendLine("CPU is in cores busy on average over the measured part of the phase (the machine has "
            + Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) + "); \"other\" is every other process on the machine. "
            + "The server handler mean is the server's own apiserver_request_duration_seconds for the phase's requests "
            + "(from routing to the last body write; TLS, HTTP parsing and queueing are outside it)."
            + (results.Any(r => r.Usage is { ServerCores: null }) ? " The server was not started here, so its CPU is counted in \"other\" if it runs on this machine." : ""));
        md.AppendLine();
        md.AppendLine("| phase | measured | server CPU | client CPU | other CPU | server handler mean | server peak RSS | server threads | client threads (pool) | client connections |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var u = r.Usage;
            var handler = r.ServerHandlerMeanMs is { } h ? Ms(h, 2) : "—";
            md.AppendLine(u is null
                ? $"| {r.Phase} | — | — | — | — | {handler} | — | — | — | {r.Connections} |"
                : string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Phase} | {u.Wall.TotalSeconds:F2} s | {Cores(u.ServerCores)} | {u.ClientCores:F2} | {u.OtherCores:F2} | {handler} | {(u.ServerPeakRssBytes is { } rss ? Mebibytes(rss) : "—")} | {(u.ServerPeakRssBytes is null ? "—" : u.ServerThreads.ToString(CultureInfo.InvariantCulture))} | {u.ClientThreads} ({u.ClientThreadPoolThreads}) | {r.Connections} |"));
        }

        var notes = results.SelectMany(r => r.Notes.Select(n => $"- {r.Phase}: {n}")).ToList();
        if (memory is { } m)
        {
            notes.Add($"- server memory: VmHWM {Mebibytes(m.PeakBytes)} at the end of the run; highest VmRSS sampled every 100 ms: {Mebibytes(m.PeakSampledBytes)}");
        }

        if (notes.Count > 0)
        {
            md.AppendLine();
            foreach (var note in notes)
            {
                md.AppendLine(note);
            }
        }

        return md.ToString();
    }

    public static string Mebibytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F0} MiB");

    private static string Ms(double value, int decimals = 1) =>
        double.IsNaN(value) ? "—" : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " ms";

    private static string Cores(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "—";

    private static string Verdict(bool? passed) => passed switch
    {
        true => "pass",
        false => "**fail**",
        null => "—",
    };
}

/// <summary>The server's resident memory peak: VmHWM from the kernel, and the highest sampled VmRSS.</summary>
public readonly record struct ServerMemory(long PeakBytes, long PeakSampledBytes);
