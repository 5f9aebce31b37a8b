namespace Tke.SimCluster.Streaming.Compression;

/// <summary>The Adler-32 checksum zlib streams carry (RFC 1950), also the id of a preset dictionary.</summary>
public struct Adler32
{
    private const uint Modulus = 65521;
    private uint _a;
    private uint _b;

    public Adler32()
    {
        _a = 1;
        _b = 0;
    }

    public readonly uint Value => (_b << 16) | _a;

    public static uint Of(ReadOnlySpan<byte> data)
    {
        var sum = new Adler32();
        sum.Update(data);
        return sum.Value;
    }

    public void Update(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            Update(b);
        }
    }

    public void Update(byte b)
    {
        _a = (_a + b) % Modulus;
        _b = (_b + _a) % Modulus;
    }
}
