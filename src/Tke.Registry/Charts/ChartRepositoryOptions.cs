namespace Tke.Registry.Charts;

/// <summary>Where chart archives live and how large they may be.</summary>
public sealed record ChartRepositoryOptions
{
    /// <summary>Archives are stored as &lt;root&gt;/&lt;tenant&gt;/&lt;chart group&gt;/&lt;name&gt;-&lt;version&gt;.tgz,
    /// their provenance files beside them as &lt;name&gt;-&lt;version&gt;.tgz.prov.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>Largest accepted chart archive (TKEStack's chartmuseum allows 20 MiB).</summary>
    public long MaxArchiveBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Largest total size of the files inside an archive (Helm's own loader limit), against gzip bombs.</summary>
    public long MaxDecompressedBytes { get; init; } = 100 * 1024 * 1024;

    /// <summary>Largest accepted provenance file (.prov); Helm's are a few KiB.</summary>
    public int MaxProvenanceBytes { get; init; } = 1024 * 1024;

    /// <summary>Largest Chart.yaml read.</summary>
    public int MaxChartYamlBytes { get; init; } = 1024 * 1024;
}
