using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>What validation learned from a manifest body.</summary>
public sealed record ParsedManifest(
    string MediaType,
    IReadOnlyList<ManifestReference> References,
    long ReferencedSize,
    string? ArtifactType,
    Digest? Subject,
    string? AnnotationsJson);
