namespace Tke.Benchmarks;

/// <summary>One line of the clusters report: what was measured, the figure, the target and the verdict.</summary>
public sealed record ClustersReportRow(string Measurement, string Value, string Target, bool? Passed);
