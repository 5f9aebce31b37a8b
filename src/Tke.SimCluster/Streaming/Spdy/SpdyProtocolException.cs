namespace Tke.SimCluster.Streaming.Spdy;

/// <summary>The peer broke the SPDY framing; the connection cannot go on.</summary>
public sealed class SpdyProtocolException(string message) : IOException(message)
{
}
