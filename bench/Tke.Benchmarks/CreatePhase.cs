using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Tke.Benchmarks;

/// <summary>
/// Concurrent clients POST ConfigMaps of a fixed size as fast as the server acknowledges
/// them; the server answers only once the write is fsynced, so this is durable throughput.
/// </summary>
public sealed class CreatePhase(BenchmarkContext context)
{
    public const double TargetPerSecond = 2000;

    /// <summary>Creates <paramref name="count"/> objects named PREFIX-NNNNNN with <paramref name="clients"/>
    /// concurrent clients, stopping early at the phase timeout.</summary>
    public async Task<CreateOutcome> CreateAsync(string prefix, int count, int clients, CancellationToken cancellationToken)
    {
        var names = Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D6}")).ToArray();
        var created = new bool[count];
        var recorders = Enumerable.Range(0, clients).Select(_ => new LatencyRecorder(count / clients + 16)).ToArray();
        var errors = new ErrorTally();
        var collection = context.CollectionUri;
        using var client = context.CreateClient(context.Options.Protocol, clients);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(context.Options.PhaseTimeout);
        var next = -1;
        var meter = context.Monitor.BeginPhase();
        var started = Stopwatch.GetTimestamp();

        await ConcurrentWorkers.RunAsync(clients, async worker =>
        {
            var body = ArrayPool<byte>.Shared.Rent(context.Payload.BodyBytes + 512);
            using var response = new PooledBuffer(4096);
            var recorder = recorders[worker];
            try
            {
                int i;
                while (!timeout.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < count)
                {
                    var length = context.Payload.Write(body, names[i], (ulong)i);
                    using var request = client.NewRequest(HttpMethod.Post, collection);
                    request.Content = new ReadOnlyMemoryContent(body.AsMemory(0, length));
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    var sent = Stopwatch.GetTimestamp();
                    try
                    {
                        using var reply = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                        await response.ReadBodyAsync(reply, timeout.Token);
                        var elapsed = Stopwatch.GetTimestamp() - sent;
                        if (reply.StatusCode == HttpStatusCode.Created)
                        {
                            recorder.Record(elapsed);
                            created[i] = true;
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
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // phase timeout or the run was stopped: the loop is bounded by time as well as count
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        });

        var elapsed = Stopwatch.GetElapsedTime(started);
        var usage = meter.End();
        return new CreateOutcome(
            names.Where((_, i) => created[i]).ToArray(),
            elapsed,
            LatencyRecorder.Summarize(recorders),
            errors,
            usage,
            client.ConnectionsOpened,
            timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested);
    }

    public async Task<(PhaseResult Result, string[] Names)> RunAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        Progress.Report($"create: {options.Objects} objects of {options.ObjectBytes} B with {options.CreateClients} clients ({options.Protocol.Label()})");
        var outcome = await CreateAsync(context.RunId, options.Objects, options.CreateClients, cancellationToken);
        var rate = outcome.Names.Length / outcome.Elapsed.TotalSeconds;
        var notes = new List<string>(outcome.Errors.Describe("creates"));
        if (outcome.TimedOut)
        {
            notes.Add($"stopped at the {options.PhaseTimeout.TotalSeconds:F0} s phase timeout");
        }

        Progress.Report(string.Create(CultureInfo.InvariantCulture,
            $"create: {outcome.Names.Length} created in {outcome.Elapsed.TotalSeconds:F2} s = {rate:F0}/s, p50 {outcome.Latency.P50Ms:F1} ms, p99 {outcome.Latency.P99Ms:F1} ms, {outcome.Errors.Count} errors; {Report.DescribeUsage(outcome.Usage)}"));
        var result = new PhaseResult(
            $"create ({options.CreateClients} clients)",
            outcome.Names.Length,
            rate,
            outcome.Latency,
            $"≥ {TargetPerSecond:N0} objects/s",
            rate >= TargetPerSecond && outcome.Errors.Count == 0 && !outcome.TimedOut,
            outcome.Usage,
            $"{outcome.Connections} ({options.Protocol.Label()})",
            notes);
        return (result, outcome.Names);
    }
}

public sealed record CreateOutcome(string[] Names, TimeSpan Elapsed, LatencySummary Latency, ErrorTally Errors, PhaseUsage Usage, int Connections, bool TimedOut);
