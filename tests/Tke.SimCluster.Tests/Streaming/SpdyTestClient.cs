using Tke.SimCluster.Streaming.Spdy;

namespace Tke.SimCluster.Tests.Streaming;

/// <summary>The client side of a SPDY connection in tests: writes frames, reads what the server sends.</summary>
public sealed class SpdyTestClient(Stream connection)
{
    private readonly SpdyFrameWriter _writer = new();
    private readonly SpdyFrameReader _reader = new(connection);

    public async Task SendAsync(SpdyFrame frame)
    {
        await connection.WriteAsync(_writer.Encode(frame));
        await connection.FlushAsync();
    }

    public Task OpenAsync(uint streamId, params (string Name, string Value)[] headers)
    {
        var block = new SpdyHeaders();
        foreach (var (name, value) in headers)
        {
            block.Add(name, value);
        }

        return SendAsync(new SpdySynStreamFrame(streamId, 0, 0, 0, block));
    }

    /// <summary>The next frame, failing the test if none comes within ten seconds.</summary>
    public async Task<SpdyFrame?> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _reader.ReadAsync(timeout.Token);
    }

    /// <summary>Reads frames until a stream's FIN; returns the data it carried.</summary>
    public async Task<string> ReadStreamToEndAsync(uint streamId, List<SpdyFrame>? others = null)
    {
        var data = new List<byte>();
        while (await ReadAsync() is { } frame)
        {
            if (frame is SpdyDataFrame d && d.StreamId == streamId)
            {
                data.AddRange(d.Data.ToArray());
                if (d.Fin)
                {
                    return System.Text.Encoding.UTF8.GetString(data.ToArray());
                }
            }
            else
            {
                others?.Add(frame);
            }
        }

        throw new Xunit.Sdk.XunitException($"the connection ended before stream {streamId} did");
    }
}
