namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>The name/value pairs of a SPDY header block. Names are lower case on the wire; a
/// value may hold several values separated by NUL.</summary>
public sealed class SpdyHeaders
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public static SpdyHeaders Empty => new();

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public SpdyHeaders Add(string name, string value)
    {
        _pairs.Add(new(name.ToLowerInvariant(), value));
        return this;
    }

    /// <summary>The first value of the header, or null.</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in _pairs)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value.Split('\0')[0];
            }
        }

        return null;
    }
}
