using System.Text;

namespace Tke.SimCluster.Streaming.WebSockets;

/// <summary>
/// Kubernetes' channel subprotocols for exec and attach over WebSocket: every message starts with
/// the channel it belongs to (0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize). The base64
/// variants send text messages whose first character is the channel digit. From v4 the error
/// channel carries a metav1.Status; v5 adds message 255 to close one channel (stdin's end).
/// </summary>
public sealed record WebSocketChannelProtocol(string Name, int Version, bool Base64)
{
    public const byte Stdin = 0;
    public const byte Stdout = 1;
    public const byte Stderr = 2;
    public const byte Error = 3;
    public const byte Resize = 4;
    public const byte CloseChannel = 255;

    public static readonly WebSocketChannelProtocol V5 = new("v5.channel.k8s.io", 5, false);
    public static readonly WebSocketChannelProtocol V4 = new("v4.channel.k8s.io", 4, false);
    public static readonly WebSocketChannelProtocol V4Base64 = new("v4.base64.channel.k8s.io", 4, true);
    public static readonly WebSocketChannelProtocol V1 = new("channel.k8s.io", 1, false);
    public static readonly WebSocketChannelProtocol V1Base64 = new("base64.channel.k8s.io", 1, true);

    /// <summary>Preferred first, as a kubelet behind a current API server offers them.</summary>
    public static IReadOnlyList<WebSocketChannelProtocol> Supported { get; } = [V5, V4, V4Base64, V1, V1Base64];

    /// <summary>The error channel carries a metav1.Status rather than plain text.</summary>
    public bool StatusOnErrorChannel => Version >= 4;

    public bool SupportsCloseChannel => Version >= 5;

    /// <summary>The protocol to use for the client's offer: a client that offers none gets
    /// unnamed v1, as the kubelet does; null when it offers only unknown ones.</summary>
    public static WebSocketChannelProtocol? Negotiate(IReadOnlyList<string> offered)
    {
        if (offered.Count == 0)
        {
            return V1 with { Name = "" };
        }

        return Supported.FirstOrDefault(p => offered.Contains(p.Name, StringComparer.Ordinal));
    }

    public byte[] Encode(byte channel, ReadOnlySpan<byte> data)
    {
        if (Base64)
        {
            return Encoding.ASCII.GetBytes((char)('0' + channel) + Convert.ToBase64String(data));
        }

        var message = new byte[data.Length + 1];
        message[0] = channel;
        data.CopyTo(message.AsSpan(1));
        return message;
    }

    /// <summary>Splits a client message into channel and data; false for an empty message.</summary>
    /// <exception cref="FormatException">A base64 message that is not base64.</exception>
    public bool TryDecode(ReadOnlySpan<byte> message, out byte channel, out byte[] data)
    {
        if (message.IsEmpty)
        {
            channel = 0;
            data = [];
            return false;
        }

        if (Base64 && message[0] != CloseChannel)
        {
            channel = (byte)(message[0] - '0');
            data = Convert.FromBase64String(Encoding.ASCII.GetString(message[1..]));
            return true;
        }

        channel = message[0];
        data = message[1..].ToArray();
        return true;
    }
}
