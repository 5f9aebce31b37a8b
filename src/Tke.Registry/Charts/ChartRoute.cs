namespace Tke.Registry.Charts;

/// <summary>What a /chart/ request addresses.</summary>
public enum ChartRouteKind
{
    /// <summary>/chart/&lt;group&gt;/index.yaml</summary>
    Index,

    /// <summary>/chart/&lt;group&gt;/charts/&lt;name&gt;-&lt;version&gt;.tgz</summary>
    Archive,

    /// <summary>/chart/&lt;group&gt;/charts/&lt;name&gt;-&lt;version&gt;.tgz.prov</summary>
    Provenance,

    /// <summary>/chart/api/&lt;group&gt;/charts</summary>
    ApiCharts,

    /// <summary>/chart/api/&lt;group&gt;/prov</summary>
    ApiProvenance,

    /// <summary>/chart/api/&lt;group&gt;/charts/&lt;name&gt;</summary>
    ApiChart,

    /// <summary>/chart/api/&lt;group&gt;/charts/&lt;name&gt;/&lt;version&gt;</summary>
    ApiChartVersion,
}

/// <summary>A parsed /chart/ path (TKEStack's chartmuseum routes, the tenant coming from the caller or host).</summary>
/// <param name="File">The archive's file name; for <see cref="ChartRouteKind.Provenance"/>, that of the archive it signs.</param>
public sealed record ChartRoute(ChartRouteKind Kind, string Group, string? Name = null, string? Version = null, string? File = null)
{
    public const string Prefix = "/chart/";

    public static ChartRoute? Parse(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var s = path[Prefix.Length..].TrimEnd('/').Split('/');
        if (s.Any(p => p.Length == 0 || p is "." or ".."))
        {
            return null;
        }

        return s switch
        {
            ["api", var g, "charts"] => new ChartRoute(ChartRouteKind.ApiCharts, g),
            ["api", var g, "prov"] => new ChartRoute(ChartRouteKind.ApiProvenance, g),
            ["api", var g, "charts", var n] => new ChartRoute(ChartRouteKind.ApiChart, g, n),
            ["api", var g, "charts", var n, var v] => new ChartRoute(ChartRouteKind.ApiChartVersion, g, n, v),
            [var g, "index.yaml"] => new ChartRoute(ChartRouteKind.Index, g),
            [var g, "charts", var f] when f.EndsWith(".tgz", StringComparison.Ordinal) => new ChartRoute(ChartRouteKind.Archive, g, File: f),
            [var g, "charts", var f] when f.EndsWith(".tgz" + ProvenanceFile.Extension, StringComparison.Ordinal) => new ChartRoute(ChartRouteKind.Provenance, g, File: f[..^ProvenanceFile.Extension.Length]),
            _ => null,
        };
    }
}
