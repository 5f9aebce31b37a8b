using System.Diagnostics;
using System.Globalization;
using Tke.Auth.Authorization;

namespace Tke.Benchmarks;

/// <summary>
/// `tke-bench authz`: authorization decision latency of the policy engine, in process and on one
/// thread, without a server. Prints the same Markdown table as the server phases.
/// </summary>
public static class AuthorizationPhase
{
    public const string Usage = """
        Usage: tke-bench authz [options]

        Builds a policy engine from synthetic users, groups and policies and measures the
        latency of single decisions on one thread (no server is started).

        Options:
          --users N        users (default 10000)
          --groups N       local groups, each user in up to 3 (default 1000)
          --policies N     policies (default 10000)
          --decisions N    measured decisions (default 1000000)
          --seed N         random seed (default 1)
          --help           this text
        """;

    private const double TargetP99Microseconds = 50;

    public static int Run(string[] args)
    {
        int users = 10_000, groups = 1_000, policies = 10_000, decisions = 1_000_000, seed = 1;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                Console.Out.Write(Usage);
                return 0;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                Console.Error.WriteLine($"tke-bench authz: {args[i]} needs a positive number (see --help)");
                return 2;
            }

            switch (args[i++])
            {
                case "--users": users = value; break;
                case "--groups": groups = value; break;
                case "--policies": policies = value; break;
                case "--decisions": decisions = value; break;
                case "--seed": seed = value; break;
                default:
                    Console.Error.WriteLine($"tke-bench authz: unknown option {args[i - 1]} (see --help)");
                    return 2;
            }
        }

        Progress.Report($"generating {users:N0} users, {groups:N0} groups, {policies:N0} policies");
        var workload = AuthorizationWorkload.Create(users, groups, policies, seed);
        var build = Stopwatch.StartNew();
        var engine = PolicyEngine.Build(workload.Inputs);
        build.Stop();
        Progress.Report($"engine built in {build.Elapsed.TotalMilliseconds:F0} ms ({engine.StatementCount:N0} statements)");

        var queries = workload.Queries(8192);
        var mask = queries.Length - 1;
        var allowed = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var q = queries[i & mask];
            allowed += engine.Authorize(q.Subject, AuthorizationWorkload.Tenant, q.Action, q.Resource, q.ProjectId).Allowed ? 1 : 0;
        }

        Progress.Report($"measuring {decisions:N0} decisions");
        var recorder = new LatencyRecorder(decisions);
        var gcBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        allowed = 0;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < decisions; i++)
        {
            var q = queries[i & mask];
            var start = Stopwatch.GetTimestamp();
            var decision = engine.Authorize(q.Subject, AuthorizationWorkload.Tenant, q.Action, q.Resource, q.ProjectId);
            recorder.Record(Stopwatch.GetTimestamp() - start);
            allowed += decision.Allowed ? 1 : 0;
        }

        wall.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var summary = LatencyRecorder.Summarize([recorder]);
        var passed = summary.P99Ms * 1000 <= TargetP99Microseconds;

        Console.Out.WriteLine($"Authorization decisions, one thread, {DateTime.UtcNow:yyyy-MM-dd} (engine built in {build.Elapsed.TotalMilliseconds:F0} ms, {engine.StatementCount:N0} statements; {allowed * 100.0 / decisions:F1}% allowed; {allocated / (double)decisions:F2} bytes allocated per decision, {GC.CollectionCount(0) - gcBefore} gen-0 GCs)");
        Console.Out.WriteLine();
        Console.Out.WriteLine("| phase | ops | ops/s | p50 | p99 | max | target | result |");
        Console.Out.WriteLine("|---|---:|---:|---:|---:|---:|---|---|");
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| authorization decisions ({users:N0} users, {groups:N0} groups, {policies:N0} policies) | {decisions:N0} | {decisions / wall.Elapsed.TotalSeconds:N0} | {Us(summary.P50Ms)} | {Us(summary.P99Ms)} | {Us(summary.MaxMs)} | p99 ≤ {TargetP99Microseconds:F0} µs | {(passed ? "pass" : "FAIL")} |"));
        return passed ? 0 : 1;
    }

    private static string Us(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds * 1000:F2} µs");
}
