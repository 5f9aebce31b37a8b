using System.Text.RegularExpressions;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>
/// kubectl's aligned table output (get, api-resources) split into cells by the header's
/// column positions, since cells may be empty or contain single spaces.
/// </summary>
public sealed partial class ColumnarOutput
{
    private readonly (string Name, int Start)[] _columns;

    private ColumnarOutput((string Name, int Start)[] columns, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        _columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Headers => _columns.Select(c => c.Name).ToList();

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public static ColumnarOutput Parse(string stdout)
    {
        var lines = stdout.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            return new ColumnarOutput([], []);
        }

        var header = lines[0];
        // A kind may have a column named like one kubectl adds (NAMESPACE with -A): later ones get "#2".
        var columns = ColumnName().Matches(header)
            .Select((m, i) => (Value: m.Value, m.Index, Occurrence: ColumnName().Matches(header).Take(i).Count(earlier => earlier.Value == m.Value)))
            .Select(c => (Value: c.Occurrence == 0 ? c.Value : $"{c.Value}#{c.Occurrence + 1}", c.Index))
            .ToArray();
        var rows = lines.Skip(1).Select(line => (IReadOnlyDictionary<string, string>)columns.Select((c, i) =>
        {
            var end = i + 1 < columns.Length ? Math.Min(columns[i + 1].Index, line.Length) : line.Length;
            var cell = c.Index < line.Length ? line[c.Index..Math.Max(end, c.Index)] : "";
            return KeyValuePair.Create(c.Value, cell.Trim());
        }).ToDictionary()).ToList();
        return new ColumnarOutput(columns, rows);
    }

    /// <summary>The row whose <paramref name="column"/> is <paramref name="value"/>; fails if there is none.</summary>
    public IReadOnlyDictionary<string, string> Row(string column, string value) =>
        Rows.FirstOrDefault(r => r.GetValueOrDefault(column) == value)
        ?? throw new Xunit.Sdk.XunitException($"no row with {column}={value} in:\n{string.Join('\n', Rows.Select(r => string.Join(" | ", r.Values)))}");

    // Header names are upper-case words, possibly two separated by one space ("DISPLAY NAME").
    [GeneratedRegex(@"[A-Z][A-Z0-9_-]*(?: [A-Z][A-Z0-9_-]*)*")]
    private static partial Regex ColumnName();
}
