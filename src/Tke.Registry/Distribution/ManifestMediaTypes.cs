namespace Tke.Registry.Distribution;

/// <summary>The manifest formats this registry stores.</summary>
public static class ManifestMediaTypes
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    public static bool IsIndex(string mediaType) => mediaType is DockerManifestList or OciIndex;

    public static bool IsSupported(string mediaType) => mediaType is DockerManifest or DockerManifestList or OciManifest or OciIndex;

    /// <summary>Layers that live elsewhere (Windows base layers): listed with URLs, never pushed here.</summary>
    public static bool IsForeignLayer(string? mediaType) =>
        mediaType is "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
            or "application/vnd.oci.image.layer.nondistributable.v1.tar"
            or "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
            or "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";
}
