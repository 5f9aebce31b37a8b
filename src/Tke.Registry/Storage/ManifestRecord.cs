namespace Tke.Registry.Storage;

/// <summary>A stored manifest: its exact bytes and what the referrers API and events need to know
/// about it. <paramref name="TotalSize"/> is the manifest plus the blobs it lists (an image's size).</summary>
public sealed record ManifestRecord(
    Digest Digest,
    string MediaType,
    byte[] Body,
    long TotalSize,
    string? ArtifactType,
    Digest? Subject,
    string? AnnotationsJson,
    DateTimeOffset Created);

/// <summary>What a manifest points at: a blob (config, layer) or another manifest (an index's child),
/// with the size its descriptor declares.</summary>
public sealed record ManifestReference(Digest Digest, bool IsManifest, long Size);
