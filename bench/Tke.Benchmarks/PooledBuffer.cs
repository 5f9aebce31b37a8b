using System.Buffers;

namespace Tke.Benchmarks;

/// <summary>A growable byte buffer rented from the shared pool, reused across requests by one worker.</summary>
public sealed class PooledBuffer(int initialSize) : IDisposable
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialSize);

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _array.AsSpan(0, Length);

    /// <summary>Replaces the content with the whole response body.</summary>
    public async ValueTask ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Length = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        while (true)
        {
            if (Length == _array.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(_array.Length * 2);
                _array.AsSpan(0, Length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = bigger;
            }

            var read = await stream.ReadAsync(_array.AsMemory(Length), cancellationToken);
            if (read == 0)
            {
                return;
            }

            Length += read;
        }
    }

    /// <summary>Reads and discards the body, returning its size; the content is not kept.</summary>
    public async ValueTask<long> DrainBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        long total = 0;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        int read;
        while ((read = await stream.ReadAsync(_array, cancellationToken)) > 0)
        {
            total += read;
        }

        Length = 0;
        return total;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_array);
        _array = [];
        Length = 0;
    }
}
