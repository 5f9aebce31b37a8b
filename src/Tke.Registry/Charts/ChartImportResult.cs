namespace Tke.Registry.Charts;

/// <summary>The outcome of syncing an imported chart group: versions stored, already current, and
/// skipped (each with its reason); <see cref="Failure"/> when the remote index could not be read at all.</summary>
public sealed record ChartImportResult(int Imported, int Unchanged, IReadOnlyList<string> Skipped, string? Failure)
{
    public bool Succeeded => Failure is null && Skipped.Count == 0;
}
