namespace Tke.Registry.Storage;

/// <summary>A manifest was refused because something it references is not in its repository.</summary>
public sealed class ManifestReferenceMissingException(ManifestReference missing)
    : Exception($"{(missing.IsManifest ? "manifest" : "blob")} {missing.Digest} is not in the repository")
{
    public ManifestReference Missing { get; } = missing;
}
