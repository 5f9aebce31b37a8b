using System.Buffers;
using System.Diagnostics;
using System.Net;

namespace Tke.Benchmarks;

/// <summary>
/// One watcher: holds a ?watch=1 stream open and records, for every event line, its
/// resourceVersion and the time its bytes arrived. Lines are scanned, not deserialised.
/// </summary>
public sealed class WatchStream(int expectedEvents)
{
    private long[] _revisions = new long[expectedEvents + 16];
    private long[] _arrivals = new long[expectedEvents + 16];
    private int _count;
    private long _lastRevision;

    public bool Opened { get; private set; }

    /// <summary>Why the stream failed or ended before it was stopped; null while it is healthy.</summary>
    public string? Failure { get; private set; }

    public int ErrorEvents { get; private set; }

    /// <summary>The newest resourceVersion received; events arrive in revision order.</summary>
    public long LastRevision => Volatile.Read(ref _lastRevision);

    public int Count => Volatile.Read(ref _count);

    public ReadOnlySpan<long> Revisions => _revisions.AsSpan(0, Count);

    public ReadOnlySpan<long> Arrivals => _arrivals.AsSpan(0, Count);

    /// <param name="opened">Called once with true when the response headers arrive, or false if the watch could not start.</param>
    public async Task RunAsync(ApiClient client, Uri uri, Action<bool> opened, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            using var request = client.NewRequest(HttpMethod.Get, uri);
            using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Failure = $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
                return;
            }

            Opened = true;
            opened(true);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            int start = 0, end = 0;
            while (true)
            {
                if (end == buffer.Length)
                {
                    // Make room: drop consumed bytes, or grow if one event is larger than the buffer.
                    var target = start > 0 ? buffer : ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(start, end - start).CopyTo(target);
                    if (!ReferenceEquals(target, buffer))
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = target;
                    }

                    end -= start;
                    start = 0;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                if (read == 0)
                {
                    Failure = "the server ended the stream";
                    return;
                }

                // One timestamp for every event in this read: they arrived together.
                var arrived = Stopwatch.GetTimestamp();
                end += read;
                int newline;
                while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
                {
                    Record(buffer.AsSpan(start, newline), arrived);
                    start += newline + 1;
                }

                if (start == end)
                {
                    start = end = 0;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped by the phase
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Failure = e.Message;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (!Opened)
            {
                Failure ??= "stopped before the stream opened";
                opened(false);
            }
        }
    }

    private void Record(ReadOnlySpan<byte> line, long arrived)
    {
        if (!ResourceVersionScanner.TryReadEvent(line, out var revision, out var isError))
        {
            if (isError)
            {
                ErrorEvents++;
            }

            return;
        }

        if (_count == _revisions.Length)
        {
            Array.Resize(ref _revisions, _revisions.Length * 2);
            Array.Resize(ref _arrivals, _arrivals.Length * 2);
        }

        _revisions[_count] = revision;
        _arrivals[_count] = arrived;
        Volatile.Write(ref _count, _count + 1);
        Volatile.Write(ref _lastRevision, revision);
    }
}
