using System.Net;

namespace Tke.Benchmarks;

/// <summary>Failed requests of a phase: how many, and the first few reasons, for the report.</summary>
public sealed class ErrorTally
{
    private const int KeptReasons = 3;
    private readonly List<string> _reasons = [];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<string> Reasons
    {
        get
        {
            lock (_reasons)
            {
                return [.. _reasons];
            }
        }
    }

    public void Add(string reason)
    {
        Interlocked.Increment(ref _count);
        lock (_reasons)
        {
            if (_reasons.Count < KeptReasons)
            {
                _reasons.Add(reason.Length > 300 ? reason[..300] + "..." : reason);
            }
        }
    }

    public void Add(HttpStatusCode status, ReadOnlySpan<byte> body) =>
        Add($"HTTP {(int)status}: {System.Text.Encoding.UTF8.GetString(body)}");

    public IEnumerable<string> Describe(string what) =>
        Count == 0 ? [] : [$"{Count} failed {what}; first: {string.Join(" | ", Reasons)}"];
}
