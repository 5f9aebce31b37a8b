using System.Net.WebSockets;

namespace Tke.SimCluster.Streaming.WebSockets;

/// <summary>Ends a server WebSocket: a normal close frame, a short wait for the receive loop to see
/// the client's answer, then the connection is dropped whatever the client does.</summary>
public static class WebSocketClosing
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    /// <param name="receiving">The loop reading the socket, which ends on the client's close
    /// frame; null when nothing reads any more.</param>
    public static async Task CloseAsync(WebSocket socket, Task? receiving)
    {
        try
        {
            using var wait = new CancellationTokenSource(CloseWait);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", wait.Token);
            }

            if (receiving is not null)
            {
                await receiving.WaitAsync(wait.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away without answering: nothing left to close gracefully.
        }
        finally
        {
            socket.Abort();
            socket.Dispose();
        }
    }
}
