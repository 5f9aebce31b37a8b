using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Tke.ApiServer.Hosting;

/// <summary>
/// The buffers Kestrel reads sockets into and writes responses from: pinned 64 KiB blocks.
/// Kestrel's own pool hands out 4 KiB blocks, so every socket read takes at most 4 KiB and passes
/// through the transport, TLS and HTTP pipes on its own: a 1 GiB image layer costs 262,144 reads
/// and as many thread hand-offs. With 64 KiB blocks the same upload takes 16,384 and a pull
/// writes 64 KiB per send. Blocks are reused; those left idle for a whole trim interval are
/// released, so a burst of connections does not hold memory afterwards.
/// </summary>
public sealed class ConnectionBufferPool : MemoryPool<byte>
{
    public const int BlockSize = 64 * 1024;

    private static readonly TimeSpan TrimInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentStack<Block> _free = new();
    private readonly ITimer? _trimTimer;
    private int _freeCount;
    private int _fewestFreeSinceTrim;
    private volatile bool _disposed;

    /// <param name="clock">Drives trimming; null leaves trimming to <see cref="Trim"/> calls.</param>
    public ConnectionBufferPool(TimeProvider? clock)
    {
        _trimTimer = clock?.CreateTimer(_ => Trim(), null, TrimInterval, TrimInterval);
    }

    public override int MaxBufferSize => BlockSize;

    /// <summary>Blocks ready for reuse.</summary>
    public int FreeBlocks => Volatile.Read(ref _freeCount);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_free.TryPop(out var block))
        {
            var left = Interlocked.Decrement(ref _freeCount);
            if (left < Volatile.Read(ref _fewestFreeSinceTrim))
            {
                Volatile.Write(ref _fewestFreeSinceTrim, left);
            }

            block.Rented();
            return block;
        }

        return new Block(this);
    }

    /// <summary>Releases the blocks that stayed unused since the previous trim: the fewest free
    /// blocks seen in that time were never needed.</summary>
    public void Trim()
    {
        var idle = Volatile.Read(ref _fewestFreeSinceTrim);
        for (var i = 0; i < idle && _free.TryPop(out _); i++)
        {
            Interlocked.Decrement(ref _freeCount);
        }

        Volatile.Write(ref _fewestFreeSinceTrim, FreeBlocks);
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _trimTimer?.Dispose();
        _free.Clear();
        Volatile.Write(ref _freeCount, 0);
    }

    private void Return(Block block)
    {
        if (_disposed)
        {
            return;
        }

        _free.Push(block);
        Interlocked.Increment(ref _freeCount);
    }

    private sealed class Block(ConnectionBufferPool pool) : IMemoryOwner<byte>
    {
        // Pinned once, on the pinned object heap: sockets pin their buffers on every read.
        private readonly byte[] _array = GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true);
        private int _returned;

        public Memory<byte> Memory => _array;

        public void Rented() => Volatile.Write(ref _returned, 0);

        public void Dispose()
        {
            // A second Dispose must not put the block on the free list twice.
            if (Interlocked.Exchange(ref _returned, 1) == 0)
            {
                pool.Return(this);
            }
        }
    }
}

/// <summary>Gives Kestrel <see cref="ConnectionBufferPool"/>s in place of its 4 KiB block pools.</summary>
public sealed class ConnectionBufferPoolFactory(TimeProvider clock) : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new ConnectionBufferPool(clock);

    /// <summary>Registers the factory; Kestrel's socket transport takes its pools from the
    /// last <see cref="IMemoryPoolFactory{T}"/> registered.</summary>
    public static void Register(IServiceCollection services, TimeProvider clock) =>
        services.AddSingleton<IMemoryPoolFactory<byte>>(new ConnectionBufferPoolFactory(clock));
}
