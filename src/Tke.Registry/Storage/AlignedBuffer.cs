namespace Tke.Registry.Storage;

/// <summary>
/// A buffer whose start address is aligned for direct I/O: a slice of a pinned array (the
/// pinned object heap never moves it). Few exist at once (one per running upload), so they are
/// pooled rather than allocated per request.
/// </summary>
public sealed class AlignedBuffer
{
    private static readonly System.Collections.Concurrent.ConcurrentBag<AlignedBuffer> Pool = [];
    private readonly byte[] _array;
    private readonly int _start;

    private AlignedBuffer(int size, int alignment)
    {
        _array = GC.AllocateUninitializedArray<byte>(size + alignment, pinned: true);
        var misalignment = (int)(System.Runtime.InteropServices.Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0) % alignment);
        _start = misalignment == 0 ? 0 : alignment - misalignment;

        Size = size;
    }

    public int Size { get; }

    public Memory<byte> Memory => _array.AsMemory(_start, Size);

    public static AlignedBuffer Rent(int size) =>
        Pool.TryTake(out var buffer) && buffer.Size == size ? buffer : new AlignedBuffer(size, DirectFile.Alignment);

    public void Return()
    {
        if (Pool.Count < 16)
        {
            Pool.Add(this);
        }
    }
}
