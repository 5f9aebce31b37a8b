namespace Tke.Cli.Client;

/// <summary>Left-aligned columns separated by three spaces, as kubectl prints tables.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];

    public void Add(params string?[] cells) => _rows.Add([.. cells.Select(c => c ?? "")]);

    public void WriteTo(TextWriter output)
    {
        var widths = Enumerable.Range(0, headers.Length).Select(i => _rows.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in _rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("   ", cells).TrimEnd());
        }
    }
}
