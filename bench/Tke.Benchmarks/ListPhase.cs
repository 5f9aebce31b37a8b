using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Tke.Benchmarks;

/// <summary>
/// Lists the whole collection in one request (no limit), one run after another, timing each
/// from sending the request to having read the last byte of the body.
/// </summary>
public sealed class ListPhase(BenchmarkContext context)
{
    public const double TargetP99Ms = 200;

    public async Task<PhaseResult> RunAsync(int expectedItems, CancellationToken cancellationToken)
    {
        var options = context.Options;
        Progress.Report($"list: 1 warm-up + {options.ListRuns} full lists of about {expectedItems} objects");
        var recorder = new LatencyRecorder(options.ListRuns);
        var errors = new ErrorTally();
        var items = new List<int>();
        long bodyBytes = 0;
        using var client = context.CreateClient(options.Protocol, 1);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PhaseTimeout);
        // Sized for the expected body up front so buffer growth is not part of the first runs.
        using var buffer = new PooledBuffer(Math.Max(1 << 16, expectedItems * (options.ObjectBytes + 512)));
        var uri = context.CollectionUri;
        PhaseUsage? usage = null;
        try
        {
            await ListOnceAsync(client, uri, buffer, timeout.Token);
            var meter = context.Monitor.BeginPhase();
            for (var run = 0; run < options.ListRuns; run++)
            {
                var sent = Stopwatch.GetTimestamp();
                var status = await ListOnceAsync(client, uri, buffer, timeout.Token);
                var elapsed = Stopwatch.GetTimestamp() - sent;
                if (status != HttpStatusCode.OK)
                {
                    errors.Add(status, buffer.Span);
                    continue;
                }

                recorder.Record(elapsed);
                bodyBytes = buffer.Length;
                // Counted after the clock stops: checking the result is not part of the latency.
                items.Add(ResourceVersionScanner.CountItems(buffer.Span));
            }

            usage = meter.End();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            errors.Add($"stopped at the {options.PhaseTimeout.TotalSeconds:F0} s phase timeout");
        }
        catch (HttpRequestException e)
        {
            errors.Add(e.Message);
        }

        var latency = LatencyRecorder.Summarize([recorder]);
        var listed = items.Count == 0 ? 0 : items.Min();
        var notes = new List<string>(errors.Describe("lists"))
        {
            string.Create(CultureInfo.InvariantCulture, $"each list returned {listed} objects in {bodyBytes / 1048576.0:F1} MiB of JSON"),
        };
        if (listed < expectedItems)
        {
            notes.Add($"expected at least {expectedItems} objects");
        }

        var rate = latency.Count / (usage?.Wall.TotalSeconds ?? double.PositiveInfinity);
        Progress.Report(string.Create(CultureInfo.InvariantCulture,
            $"list: {latency.Count} runs of {listed} objects ({bodyBytes / 1048576.0:F1} MiB), p50 {latency.P50Ms:F1} ms, p99 {latency.P99Ms:F1} ms, max {latency.MaxMs:F1} ms; {(usage is null ? "" : Report.DescribeUsage(usage))}"));
        return new PhaseResult(
            $"list {listed:N0} objects ({latency.Count} runs)",
            latency.Count,
            rate,
            latency,
            $"p99 ≤ {TargetP99Ms:F0} ms",
            latency.Count > 0 && latency.P99Ms <= TargetP99Ms && errors.Count == 0 && listed >= expectedItems,
            usage,
            $"1 ({options.Protocol.Label()})",
            notes);
    }

    private static async Task<HttpStatusCode> ListOnceAsync(ApiClient client, Uri uri, PooledBuffer buffer, CancellationToken cancellationToken)
    {
        using var request = client.NewRequest(HttpMethod.Get, uri);
        using var reply = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await buffer.ReadBodyAsync(reply, cancellationToken);
        return reply.StatusCode;
    }
}
