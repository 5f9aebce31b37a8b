namespace Tke.Registry.Charts;

/// <summary>An immutable view of one repository's charts: entries by name (newest version first)
/// and the index.yaml rendered from exactly these entries.</summary>
public sealed class ChartIndexSnapshot
{
    private readonly Dictionary<string, ChartEntry> _byFile;

    public ChartIndexSnapshot(IReadOnlyDictionary<string, IReadOnlyList<ChartEntry>> entries, DateTimeOffset generated)
    {
        Entries = entries;
        _byFile = entries.Values.SelectMany(v => v).ToDictionary(e => e.FileName, StringComparer.Ordinal);
        Yaml = ChartIndexDocument.RenderYaml(entries, generated);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<ChartEntry>> Entries { get; }

    public byte[] Yaml { get; }

    public int ChartCount => Entries.Count;

    public ChartEntry? FindFile(string fileName) => _byFile.GetValueOrDefault(fileName);

    public ChartEntry? Find(string name, string version) =>
        Entries.TryGetValue(name, out var versions) ? versions.FirstOrDefault(v => v.Version == version) : null;
}
