namespace Tke.Registry.Charts;

/// <summary>
/// A chart's Chart.yaml. <see cref="Fields"/> holds every top-level field as plain values
/// (string, bool, long, lists and string-keyed maps), sorted by key, because index.yaml
/// entries repeat the whole metadata the way Helm writes it.
/// </summary>
public sealed record ChartMetadata(string ApiVersion, string Name, SemanticVersion Version, IReadOnlyDictionary<string, object?> Fields)
{
    public string? AppVersion => Text("appVersion");

    public string? Description => Text("description");

    public string? Icon => Text("icon");

    public string FileName => FileNameOf(Name, Version.Text);

    public static string FileNameOf(string name, string version) => $"{name}-{version}.tgz";

    private string? Text(string key) => Fields.TryGetValue(key, out var v) ? v as string : null;
}
