using System.Globalization;

namespace Tke.Benchmarks;

/// <summary>
/// Reads the server's own request-duration histogram (apiserver_request_duration_seconds on
/// /metrics) before and after a phase, to tell time spent in the server's handler from time
/// spent in TLS, HTTP and the client.
/// </summary>
public sealed class ServerLatencyMetrics(BenchmarkContext context)
{
    private const string Family = "apiserver_request_duration_seconds";
    private readonly string _resourceLabel = $"resource=\"{context.Resource.Split('/')[^1]}\"";

    /// <summary>Sum of seconds and count of requests per verb, for the benchmarked resource.</summary>
    public async Task<IReadOnlyDictionary<string, (double Sum, long Count)>> SnapshotAsync(CancellationToken cancellationToken)
    {
        var totals = new Dictionary<string, (double Sum, long Count)>(StringComparer.Ordinal);
        try
        {
            using var client = context.CreateClient(HttpProtocol.Http11, 1);
            var text = await client.Http.GetStringAsync(new Uri(context.Target.BaseAddress, "/metrics"), cancellationToken);
            foreach (var line in text.Split('\n'))
            {
                var isSum = line.StartsWith(Family + "_sum{", StringComparison.Ordinal);
                var isCount = line.StartsWith(Family + "_count{", StringComparison.Ordinal);
                if ((!isSum && !isCount) || !line.Contains(_resourceLabel, StringComparison.Ordinal))
                {
                    continue;
                }

                var verbAt = line.IndexOf("verb=\"", StringComparison.Ordinal);
                if (verbAt < 0)
                {
                    continue;
                }

                var verb = line[(verbAt + 6)..line.IndexOf('"', verbAt + 6)];
                var value = double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                var (sum, count) = totals.GetValueOrDefault(verb);
                totals[verb] = isSum ? (sum + value, count) : (sum, count + (long)value);
            }
        }
        catch (Exception e) when (e is HttpRequestException or FormatException)
        {
            Progress.Report($"could not read the server's /metrics: {e.Message}");
        }

        return totals;
    }

    /// <summary>Mean handler time in milliseconds of the given verbs between two snapshots, or null if none ran.</summary>
    public static double? MeanMilliseconds(IReadOnlyDictionary<string, (double Sum, long Count)> before, IReadOnlyDictionary<string, (double Sum, long Count)> after, params string[] verbs)
    {
        double sum = 0;
        long count = 0;
        foreach (var verb in verbs)
        {
            var a = after.GetValueOrDefault(verb);
            var b = before.GetValueOrDefault(verb);
            sum += a.Sum - b.Sum;
            count += a.Count - b.Count;
        }

        return count > 0 ? sum / count * 1000 : null;
    }
}
