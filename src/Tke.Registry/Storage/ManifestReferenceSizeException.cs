namespace Tke.Registry.Storage;

/// <summary>A manifest was refused because a descriptor's size is not that of the stored content it
/// points at: a client trusting the size would read a truncated or overlong blob.</summary>
public sealed class ManifestReferenceSizeException(ManifestReference reference, long storedSize)
    : Exception($"the descriptor of {reference.Digest} gives size {reference.Size}, but the stored {(reference.IsManifest ? "manifest" : "blob")} has {storedSize} bytes")
{
    public ManifestReference Reference { get; } = reference;

    public long StoredSize { get; } = storedSize;
}
