using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Tke.Benchmarks;

/// <summary>
/// Concurrent clients GET random objects by name for a fixed time, each reading the whole
/// body; enough clients keep the server busy while each waits for its response.
/// </summary>
public sealed class GetPhase(BenchmarkContext context)
{
    public const double TargetPerSecond = 15_000;

    /// <param name="caller">Who the requests run as, for the phase title (the bootstrap admin bypasses policies).</param>
    public async Task<PhaseResult> RunAsync(IReadOnlyList<string> names, CancellationToken cancellationToken, string? caller = null)
    {
        var options = context.Options;
        var clients = options.GetClients;
        var duration = TimeSpan.FromSeconds(options.GetSeconds);
        Progress.Report($"get: {duration.TotalSeconds:F0} s by name over {names.Count} objects with {clients} clients ({options.Protocol.Label()})");
        var outcome = await GetAsync(names, clients, duration, cancellationToken);
        var rate = outcome.Latency.Count / outcome.Elapsed.TotalSeconds;
        Progress.Report(string.Create(CultureInfo.InvariantCulture,
            $"get: {outcome.Latency.Count} in {outcome.Elapsed.TotalSeconds:F2} s = {rate:F0}/s, p50 {outcome.Latency.P50Ms:F2} ms, p99 {outcome.Latency.P99Ms:F2} ms, {outcome.Errors.Count} errors, {outcome.BodyBytes / Math.Max(1, outcome.Latency.Count)} B/response; {Report.DescribeUsage(outcome.Usage)}"));
        return new PhaseResult(
            $"get by name ({clients} clients, {duration.TotalSeconds:F0} s{(caller is null ? "" : ", " + caller)})",
            outcome.Latency.Count,
            rate,
            outcome.Latency,
            $"≥ {TargetPerSecond:N0} req/s",
            rate >= TargetPerSecond && outcome.Errors.Count == 0,
            outcome.Usage,
            $"{outcome.Connections} ({options.Protocol.Label()})",
            [.. outcome.Errors.Describe("gets"), $"responses averaged {outcome.BodyBytes / Math.Max(1, outcome.Latency.Count)} B"]);
    }

    /// <summary>GETs for <paramref name="duration"/>; also used, briefly, to warm the server up.</summary>
    public async Task<GetOutcome> GetAsync(IReadOnlyList<string> names, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var uris = names.Select(context.ObjectUri).ToArray();
        var recorders = Enumerable.Range(0, clients).Select(_ => new LatencyRecorder(65_536 / clients)).ToArray();
        var bodyBytes = new long[clients];
        var errors = new ErrorTally();
        using var client = context.CreateClient(context.Options.Protocol, clients);
        // The deadline ends the loops; the token is a hard stop should a request hang.
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        hardStop.CancelAfter(duration + TimeSpan.FromSeconds(30));
        var meter = context.Monitor.BeginPhase();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        await ConcurrentWorkers.RunAsync(clients, async worker =>
        {
            using var buffer = new PooledBuffer(8192);
            var recorder = recorders[worker];
            var random = new Random(worker);
            try
            {
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var uri = uris[random.Next(uris.Length)];
                    var sent = Stopwatch.GetTimestamp();
                    try
                    {
                        using var request = client.NewRequest(HttpMethod.Get, uri);
                        using var reply = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, hardStop.Token);
                        if (reply.StatusCode == HttpStatusCode.OK)
                        {
                            bodyBytes[worker] += await buffer.DrainBodyAsync(reply, hardStop.Token);
                            recorder.Record(Stopwatch.GetTimestamp() - sent);
                        }
                        else
                        {
                            await buffer.ReadBodyAsync(reply, hardStop.Token);
                            errors.Add(reply.StatusCode, buffer.Span);
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
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
            }
        });

        var elapsed = Stopwatch.GetElapsedTime(started);
        var usage = meter.End();
        return new GetOutcome(elapsed, LatencyRecorder.Summarize(recorders), errors, usage, client.ConnectionsOpened, bodyBytes.Sum());
    }
}

public sealed record GetOutcome(TimeSpan Elapsed, LatencySummary Latency, ErrorTally Errors, PhaseUsage Usage, int Connections, long BodyBytes);
