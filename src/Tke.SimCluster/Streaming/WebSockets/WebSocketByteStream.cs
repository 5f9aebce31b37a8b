using System.Net.WebSockets;

namespace Tke.SimCluster.Streaming.WebSockets;

/// <summary>
/// A byte stream over binary WebSocket messages, ignoring message boundaries: how kubectl tunnels
/// SPDY through WebSocket for port-forward (subprotocol SPDY/3.1+portforward.k8s.io), every
/// write one message. Reads return 0 once the client closes.
/// </summary>
public sealed class WebSocketByteStream(WebSocket socket) : NonSeekableStream
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (socket.State is not (WebSocketState.Open or WebSocketState.CloseSent))
            {
                return 0;
            }

            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            switch (result.MessageType)
            {
                case WebSocketMessageType.Close:
                    return 0;
                case WebSocketMessageType.Text:
                    throw new IOException("the tunnel carries binary WebSocket messages only");
            }

            if (result.Count > 0 || buffer.IsEmpty)
            {
                return result.Count;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Sends a normal close and frees the socket; a read still pending ends with an error.</summary>
    public override async ValueTask DisposeAsync()
    {
        await WebSocketClosing.CloseAsync(socket, receiving: null);
        await base.DisposeAsync();
    }
}
