using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Tke.Benchmarks;

/// <summary>
/// Many watchers on the same collection, then a writer creating and patching objects at a
/// modest, even pace. For every write and every watcher it measures the time from the
/// write's acknowledgement arriving at the writer to the matching event arriving at the
/// watcher (zero when the event beats the acknowledgement), matched on resourceVersion.
/// </summary>
public sealed class WatchFanOutPhase(BenchmarkContext context)
{
    public const double TargetP99Ms = 100;
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DeliveryGrace = TimeSpan.FromSeconds(10);

    public async Task<PhaseResult> RunAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        var watcherCount = options.Watchers;
        var writes = options.WatchWrites;
        var interval = TimeSpan.FromMilliseconds(options.WatchIntervalMs);
        Progress.Report($"watch: opening {watcherCount} watchers ({options.WatchProtocol.Label()}), then {writes} writes every {interval.TotalMilliseconds:F0} ms");

        using var phase = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        phase.CancelAfter(options.PhaseTimeout);
        using var writer = context.CreateClient(HttpProtocol.Http11, 1);
        // HTTP/2: each client is one connection carrying its share of the streams, as one process's
        // informers share a connection; HTTP/1.1: one client with a connection per watch.
        var clientCount = options.WatchProtocol == HttpProtocol.Http2 ? (watcherCount + options.WatchersPerConnection - 1) / options.WatchersPerConnection : 1;
        var watchClients = Enumerable.Range(0, clientCount)
            .Select(_ => context.CreateClient(options.WatchProtocol, options.WatchProtocol == HttpProtocol.Http2 ? 1 : watcherCount, requestTimeout: Timeout.InfiniteTimeSpan))
            .ToArray();
        try
        {
            return await RunAsync(watchClients, writer, phase, cancellationToken);
        }
        finally
        {
            foreach (var client in watchClients)
            {
                client.Dispose();
            }
        }
    }

    private async Task<PhaseResult> RunAsync(ApiClient[] watchClients, ApiClient writer, CancellationTokenSource phase, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var watcherCount = options.Watchers;
        var writes = options.WatchWrites;
        var interval = TimeSpan.FromMilliseconds(options.WatchIntervalMs);
        var notes = new List<string>();
        var writeErrors = new ErrorTally();

        var startRevision = await CurrentRevisionAsync(writer, phase.Token);
        if (options.WatchProtocol == HttpProtocol.Http2)
        {
            // One request first, so that each connection exists and has the server's stream limit
            // before its watches are opened.
            await Task.WhenAll(watchClients.Select(c => CurrentRevisionAsync(c, phase.Token)));
        }

        var watchers = Enumerable.Range(0, watcherCount).Select(_ => new WatchStream(writes)).ToArray();
        var uri = new Uri(context.Target.BaseAddress, string.Create(CultureInfo.InvariantCulture,
            $"{context.Resource}?watch=1&resourceVersion={startRevision}&timeoutSeconds={(int)options.PhaseTimeout.TotalSeconds + 60}"));
        var settled = 0;
        var allSettled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var openStarted = Stopwatch.GetTimestamp();
        var watching = watchers.Select((w, i) => Task.Run(() => w.RunAsync(watchClients[i % watchClients.Length], uri, _ =>
        {
            if (Interlocked.Increment(ref settled) == watcherCount)
            {
                allSettled.TrySetResult();
            }
        }, phase.Token))).ToArray();

        PhaseUsage? usage = null;
        var acks = new List<WriteAck>(writes);
        long writesStarted = 0;
        try
        {
            try
            {
                await allSettled.Task.WaitAsync(OpenTimeout, phase.Token);
            }
            catch (TimeoutException)
            {
                notes.Add($"only {Volatile.Read(ref settled)} of {watcherCount} watch requests were answered within {OpenTimeout.TotalSeconds:F0} s");
            }

            var openSeconds = Stopwatch.GetElapsedTime(openStarted).TotalSeconds;
            var openCount = watchers.Count(w => w.Opened);
            Progress.Report(string.Create(CultureInfo.InvariantCulture,
                $"watch: {openCount} of {watcherCount} streams open in {openSeconds:F2} s over {watchClients.Sum(c => c.ConnectionsOpened)} connection(s) from revision {startRevision}"));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{openCount} of {watcherCount} watch streams opened in {openSeconds:F1} s"));

            // Let the server finish setting up every watch before the clock starts.
            await Task.Delay(TimeSpan.FromSeconds(1), phase.Token);
            var meter = context.Monitor.BeginPhase();
            writesStarted = Stopwatch.GetTimestamp();
            await WriteAsync(writer, writes, interval, acks, writeErrors, writesStarted, phase.Token);
            await WaitForDeliveryAsync(watchers, acks, phase.Token);
            usage = meter.End();
        }
        catch (OperationCanceledException) when (phase.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            notes.Add($"stopped at the {options.PhaseTimeout.TotalSeconds:F0} s phase timeout");
        }
        finally
        {
            await phase.CancelAsync();
            await Task.WhenAll(watching);
        }

        var (latency, delivered, early, missing) = Match(watchers, acks);
        var failures = watchers.Where(w => w.Failure is not null).ToList();
        if (failures.Count > 0)
        {
            notes.Add($"{failures.Count} watchers failed or ended early; first: {failures[0].Failure}");
        }

        var errorEvents = watchers.Sum(w => w.ErrorEvents);
        if (errorEvents > 0)
        {
            notes.Add($"{errorEvents} ERROR watch events");
        }

        notes.AddRange(writeErrors.Describe("writes"));
        var writeLatency = WriteLatency(acks);
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"{acks.Count} writes acknowledged (p50 {writeLatency.P50Ms:F1} ms, max {writeLatency.MaxMs:F1} ms); {delivered} deliveries, {missing} missing, {early} arrived before the writer saw the acknowledgement (counted as 0 ms)"));
        var window = usage?.Wall.TotalSeconds ?? Stopwatch.GetElapsedTime(writesStarted).TotalSeconds;
        Progress.Report(string.Create(CultureInfo.InvariantCulture,
            $"watch: {delivered} deliveries, {missing} missing, p50 {latency.P50Ms:F1} ms, p99 {latency.P99Ms:F1} ms, max {latency.MaxMs:F1} ms; {(usage is null ? "" : Report.DescribeUsage(usage))}"));

        return new PhaseResult(
            $"watch fan-out ({watcherCount} watchers × {writes} writes)",
            delivered,
            delivered / Math.Max(window, 1e-3),
            latency,
            $"p99 ≤ {TargetP99Ms:F0} ms, none missing",
            latency.Count > 0 && latency.P99Ms <= TargetP99Ms && missing == 0 && writeErrors.Count == 0,
            usage,
            $"{watchClients.Sum(c => c.ConnectionsOpened)} for watches ({options.WatchProtocol.Label()}{(options.WatchProtocol == HttpProtocol.Http2 ? $", ≤ {options.WatchersPerConnection} streams each" : "")}) + 1 writer (HTTP/1.1)",
            notes);
    }

    /// <summary>Creates (even steps) and merge-patches (odd steps) objects on a fixed schedule.</summary>
    private async Task WriteAsync(ApiClient writer, int writes, TimeSpan interval, List<WriteAck> acks, ErrorTally errors, long scheduleStart, CancellationToken cancellationToken)
    {
        var body = new byte[context.Payload.BodyBytes + 512];
        using var response = new PooledBuffer(4096);
        var name = "";
        for (var k = 0; k < writes; k++)
        {
            var due = scheduleStart + (long)(k * interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            HttpRequestMessage request;
            if (k % 2 == 0)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{context.RunId}-fan-{k:D4}");
                var length = context.Payload.Write(body, name, (ulong)(1_000_000 + k));
                request = writer.NewRequest(HttpMethod.Post, context.CollectionUri);
                request.Content = new ByteArrayContent(body, 0, length);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            else
            {
                request = writer.NewRequest(HttpMethod.Patch, context.ObjectUri(name));
                request.Content = new ByteArrayContent(ConfigMapPayload.MergePatch(k));
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
            }

            using (request)
            {
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var reply = await writer.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await response.ReadBodyAsync(reply, cancellationToken);
                    var acknowledged = Stopwatch.GetTimestamp();
                    if (reply.IsSuccessStatusCode && ResourceVersionScanner.TryReadObject(response.Span, out var revision))
                    {
                        acks.Add(new WriteAck(revision, sent, acknowledged));
                    }
                    else
                    {
                        errors.Add(reply.StatusCode, response.Span);
                    }
                }
                catch (HttpRequestException e)
                {
                    errors.Add(e.Message);
                }
                catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
                {
                    errors.Add(e.Message); // the client's per-request timeout, not the phase ending
                }
            }
        }
    }

    /// <summary>Waits until every healthy watcher has the last write, bounded by a grace period.</summary>
    private static async Task WaitForDeliveryAsync(WatchStream[] watchers, List<WriteAck> acks, CancellationToken cancellationToken)
    {
        if (acks.Count == 0)
        {
            return;
        }

        var last = acks.Max(a => a.Revision);
        var deadline = Stopwatch.GetTimestamp() + (long)(DeliveryGrace.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && watchers.Any(w => w.Opened && w.Failure is null && w.LastRevision < last))
        {
            await Task.Delay(20, cancellationToken);
        }
    }

    private static (LatencySummary Latency, long Delivered, long Early, long Missing) Match(WatchStream[] watchers, List<WriteAck> acks)
    {
        var byRevision = new Dictionary<long, int>(acks.Count);
        for (var i = 0; i < acks.Count; i++)
        {
            byRevision[acks[i].Revision] = i;
        }

        var recorders = new List<LatencyRecorder>(watchers.Length);
        long delivered = 0, early = 0;
        var seen = new bool[acks.Count];
        foreach (var watcher in watchers)
        {
            var recorder = new LatencyRecorder(acks.Count);
            Array.Clear(seen);
            var revisions = watcher.Revisions;
            var arrivals = watcher.Arrivals;
            for (var e = 0; e < revisions.Length; e++)
            {
                if (!byRevision.TryGetValue(revisions[e], out var write) || seen[write])
                {
                    continue;
                }

                seen[write] = true;
                delivered++;
                var latency = arrivals[e] - acks[write].Acknowledged;
                if (latency < 0)
                {
                    early++;
                    latency = 0;
                }

                recorder.Record(latency);
            }

            recorders.Add(recorder);
        }

        // Every watcher should have seen every acknowledged write, including watchers that never opened.
        var missing = (long)watchers.Length * acks.Count - delivered;
        return (LatencyRecorder.Summarize(recorders), delivered, early, missing);
    }

    private static LatencySummary WriteLatency(List<WriteAck> acks)
    {
        var recorder = new LatencyRecorder(acks.Count);
        foreach (var a in acks)
        {
            recorder.Record(a.Acknowledged - a.Sent);
        }

        return LatencyRecorder.Summarize([recorder]);
    }

    private async Task<long> CurrentRevisionAsync(ApiClient client, CancellationToken cancellationToken)
    {
        using var request = client.NewRequest(HttpMethod.Get, new Uri(context.Target.BaseAddress, context.Resource + "?limit=1"));
        using var reply = await client.Http.SendAsync(request, cancellationToken);
        var body = await reply.Content.ReadAsByteArrayAsync(cancellationToken);
        return reply.StatusCode == HttpStatusCode.OK && ResourceVersionScanner.TryReadObject(body, out var revision)
            ? revision
            : throw new InvalidOperationException($"listing {context.Resource} failed: HTTP {(int)reply.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
    }
}

/// <summary>A write the writer saw acknowledged, with when it was sent and when the reply arrived (Stopwatch ticks).</summary>
public readonly record struct WriteAck(long Revision, long Sent, long Acknowledged);
