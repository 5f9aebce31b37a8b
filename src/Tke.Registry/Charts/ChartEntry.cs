namespace Tke.Registry.Charts;

/// <summary>One stored chart version: its metadata and the archive's sha256 digest (hex), size and time of upload.</summary>
public sealed record ChartEntry(ChartMetadata Metadata, string Digest, long Size, DateTimeOffset Created)
{
    public string Name => Metadata.Name;

    public string Version => Metadata.Version.Text;

    public string FileName => Metadata.FileName;
}
