using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Tke.Benchmarks;

/// <summary>
/// A monolithic blob push (POST for an upload session, one PUT with the whole body and its digest)
/// and a pull of the same blob, with the registry's CPU time during the push from /proc.
/// </summary>
public sealed class RegistryBlobPhase(RegistryEndpoint endpoint)
{
    private const int BufferSize = 1 << 20;

    public sealed record Result(double PushMBps, double PushCpuSecondsPerGiB, double PullMBps);

    public async Task<Result> RunAsync(RegistryBlobFile blob, CancellationToken cancellationToken)
    {
        using var client = new RegistryHttpClient(endpoint, 1);
        var repository = endpoint.Repository("blob");
        var cpuBefore = ProcessStatus.ReadCpuTime(endpoint.Pid);
        var clock = Stopwatch.StartNew();
        using (var started = await client.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/") { Content = new ByteArrayContent([]) }, cancellationToken))
        {
            Expect(started, HttpStatusCode.Accepted, "start an upload");
            var location = started.Headers.Location!.OriginalString;
            var separator = location.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            await using var file = new FileStream(blob.Path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
            using var put = new HttpRequestMessage(HttpMethod.Put, new Uri(endpoint.BaseAddress, location + separator + "digest=" + Uri.EscapeDataString(blob.Digest)))
            {
                Content = new StreamContent(file, BufferSize) { Headers = { ContentLength = blob.Size, ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
            };
            using var finished = await client.Http.SendAsync(WithAuthorization(put, started.RequestMessage), cancellationToken);
            Expect(finished, HttpStatusCode.Created, "finish the upload");
        }

        var pushSeconds = clock.Elapsed.TotalSeconds;
        var pushCpu = (ProcessStatus.ReadCpuTime(endpoint.Pid) - cpuBefore).TotalSeconds;
        var gib = blob.Size / (double)(1L << 30);

        clock.Restart();
        long received;
        using (var pulled = await client.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/blobs/{blob.Digest}"), cancellationToken, HttpCompletionOption.ResponseHeadersRead))
        {
            Expect(pulled, HttpStatusCode.OK, "pull the blob");
            received = await DrainAsync(pulled, cancellationToken);
        }

        var pullSeconds = clock.Elapsed.TotalSeconds;
        if (received != blob.Size)
        {
            throw new InvalidOperationException($"{endpoint.Name}: pulled {received} bytes of {blob.Size}");
        }

        return new Result(blob.Size / 1e6 / pushSeconds, pushCpu / gib, blob.Size / 1e6 / pullSeconds);
    }

    private static HttpRequestMessage WithAuthorization(HttpRequestMessage request, HttpRequestMessage? previous)
    {
        request.Headers.Authorization = previous?.Headers.Authorization;
        return request;
    }

    private static async Task<long> DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static void Expect(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            throw new InvalidOperationException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        }
    }
}
