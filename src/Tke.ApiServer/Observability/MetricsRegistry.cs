using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Tke.ApiServer.Observability;

/// <summary>A small Prometheus text-format (0.0.4) registry: labelled counters, histograms and
/// gauges read at scrape time. Lock-free on the hot path.</summary>
public sealed class MetricsRegistry
{
    private readonly ConcurrentDictionary<string, Family> _families = new(StringComparer.Ordinal);

    public CounterFamily Counter(string name, string help, params string[] labelNames) =>
        (CounterFamily)_families.GetOrAdd(name, _ => new CounterFamily(name, help, labelNames));

    public HistogramFamily Histogram(string name, string help, double[] buckets, params string[] labelNames) =>
        (HistogramFamily)_families.GetOrAdd(name, _ => new HistogramFamily(name, help, buckets, labelNames));

    public void Gauge(string name, string help, Func<double> read) => _families.TryAdd(name, new GaugeFamily(name, help, read));

    public string Render()
    {
        var sb = new StringBuilder();
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.Render(sb);
        }

        return sb.ToString();
    }

    public abstract class Family(string name, string help, string type)
    {
        public string Name { get; } = name;

        public void Render(StringBuilder sb)
        {
            sb.Append("# HELP ").Append(Name).Append(' ').Append(help).Append('\n');
            sb.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            RenderSamples(sb);
        }

        protected abstract void RenderSamples(StringBuilder sb);

        protected static string Labels(string[] names, string[] values, string? extraName = null, string? extraValue = null)
        {
            if (names.Length == 0 && extraName is null)
            {
                return "";
            }

            var parts = names.Select((n, i) => $"{n}=\"{Escape(values[i])}\"").ToList();
            if (extraName is not null)
            {
                parts.Add($"{extraName}=\"{extraValue}\"");
            }

            return "{" + string.Join(',', parts) + "}";
        }

        protected static string Number(double v) => double.IsPositiveInfinity(v) ? "+Inf" : v.ToString("R", CultureInfo.InvariantCulture);

        private static string Escape(string v) => v.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
    }

    public sealed class CounterFamily(string name, string help, string[] labelNames) : Family(name, help, "counter")
    {
        private readonly ConcurrentDictionary<string, (string[] Values, StrongBox<long> Count)> _series = new(StringComparer.Ordinal);

        public void Inc(params string[] labelValues)
        {
            var key = string.Join('\u0001', labelValues);
            var series = _series.GetOrAdd(key, _ => (labelValues, new StrongBox<long>()));
            Interlocked.Increment(ref series.Count.Value);
        }

        protected override void RenderSamples(StringBuilder sb)
        {
            foreach (var (values, count) in _series.Values)
            {
                sb.Append(Name).Append(Labels(labelNames, values)).Append(' ').Append(Volatile.Read(ref count.Value)).Append('\n');
            }
        }
    }

    public sealed class HistogramFamily(string name, string help, double[] buckets, string[] labelNames) : Family(name, help, "histogram")
    {
        private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);

        public void Observe(double value, params string[] labelValues)
        {
            var key = string.Join('\u0001', labelValues);
            var series = _series.GetOrAdd(key, _ => new Series(labelValues, buckets.Length));
            for (var i = 0; i < buckets.Length; i++)
            {
                if (value <= buckets[i])
                {
                    Interlocked.Increment(ref series.Buckets[i]);
                    break;
                }
            }

            Interlocked.Increment(ref series.Count);
            lock (series)
            {
                series.Sum += value;
            }
        }

        protected override void RenderSamples(StringBuilder sb)
        {
            foreach (var s in _series.Values)
            {
                long cumulative = 0;
                for (var i = 0; i < buckets.Length; i++)
                {
                    cumulative += Volatile.Read(ref s.Buckets[i]);
                    sb.Append(Name).Append("_bucket").Append(Labels(labelNames, s.Values, "le", Number(buckets[i]))).Append(' ').Append(cumulative).Append('\n');
                }

                var count = Volatile.Read(ref s.Count);
                sb.Append(Name).Append("_bucket").Append(Labels(labelNames, s.Values, "le", "+Inf")).Append(' ').Append(count).Append('\n');
                sb.Append(Name).Append("_sum").Append(Labels(labelNames, s.Values)).Append(' ').Append(Number(s.Sum)).Append('\n');
                sb.Append(Name).Append("_count").Append(Labels(labelNames, s.Values)).Append(' ').Append(count).Append('\n');
            }
        }

        private sealed class Series(string[] values, int buckets)
        {
            public readonly long[] Buckets = new long[buckets];
            public long Count;
            public double Sum;

            public string[] Values { get; } = values;
        }
    }

    private sealed class GaugeFamily(string name, string help, Func<double> read) : Family(name, help, "gauge")
    {
        protected override void RenderSamples(StringBuilder sb) => sb.Append(Name).Append(' ').Append(Number(read())).Append('\n');
    }

    public sealed class StrongBox<T>
    {
        public T Value = default!;
    }
}
