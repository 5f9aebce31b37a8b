using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Tke.SimCluster.Streaming.WebSockets;

namespace Tke.SimCluster.Streaming.RemoteCommand;

/// <summary>
/// Exec or attach over WebSocket with Kubernetes' channel protocols. Once upgraded the server
/// sends an empty message on the lowest output channel it will use, telling the client the
/// streams are ready, as the kubelet does. Stdin ends at the client's v5 close message for
/// channel 0 or when the connection closes; resize messages are read and ignored.
/// </summary>
public sealed class WebSocketRemoteCommand : RemoteCommandConnection
{
    private const int MaxMessage = 1024 * 1024;

    private readonly WebSocket _socket;
    private readonly WebSocketChannelProtocol _protocol;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Pipe? _stdin;
    private readonly CancellationTokenSource _gone = new();
    private Task _receiving = Task.CompletedTask;
    private bool _stdinClosed;

    private WebSocketRemoteCommand(WebSocket socket, WebSocketChannelProtocol protocol, RemoteCommandOptions options)
    {
        _socket = socket;
        _protocol = protocol;
        if (options.Stdin)
        {
            _stdin = new Pipe(new PipeOptions(useSynchronizationContext: false));
            Stdin = _stdin.Reader.AsStream();
        }

        Stdout = options.Stdout ? new ChannelOutputStream((data, ct) => SendAsync(WebSocketChannelProtocol.Stdout, data, ct)) : null;
        Stderr = options.Stderr ? new ChannelOutputStream((data, ct) => SendAsync(WebSocketChannelProtocol.Stderr, data, ct)) : null;
    }

    public override Stream? Stdin { get; }

    public override Stream? Stdout { get; }

    public override Stream? Stderr { get; }

    public override string Protocol => "websocket " + (_protocol.Name.Length == 0 ? "channel.k8s.io (unnamed)" : _protocol.Name);

    public override CancellationToken ClientGone => _gone.Token;

    public static async Task<WebSocketRemoteCommand> AcceptAsync(HttpContext context, WebSocketChannelProtocol protocol, RemoteCommandOptions options)
    {
        var socket = await WebSocketHandshake.AcceptAsync(context, protocol.Name.Length == 0 ? null : protocol.Name);
        var connection = new WebSocketRemoteCommand(socket, protocol, options);
        connection._receiving = connection.ReceiveAsync();
        var ready = options.Stdout ? WebSocketChannelProtocol.Stdout : options.Stderr ? WebSocketChannelProtocol.Stderr : WebSocketChannelProtocol.Error;
        await connection.SendAsync(ready, ReadOnlyMemory<byte>.Empty, context.RequestAborted);
        return connection;
    }

    public override async Task FinishAsync(RemoteCommandOutcome outcome, CancellationToken cancellationToken)
    {
        var report = outcome.Encode(_protocol.StatusOnErrorChannel);
        if (report.Length > 0)
        {
            await SendAsync(WebSocketChannelProtocol.Error, report, cancellationToken);
        }

        // The close frame is the end of every channel for the client's readers.
        await WebSocketClosing.CloseAsync(_socket, _receiving);
    }

    private async Task SendAsync(byte channel, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var message = _protocol.Encode(channel, data.Span);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (_socket.State != WebSocketState.Open && _socket.State != WebSocketState.CloseReceived)
            {
                throw new IOException("the client closed the WebSocket");
            }

            await _socket.SendAsync(message, _protocol.Base64 ? WebSocketMessageType.Text : WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException e)
        {
            throw new IOException("the client closed the WebSocket", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads the client's messages until it closes: stdin data, its close, resizes.</summary>
    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
                if (message.Length > MaxMessage)
                {
                    return;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                var bytes = message.ToArray();
                message.SetLength(0);
                if (!_protocol.TryDecode(bytes, out var channel, out var data))
                {
                    continue;
                }

                if (channel == WebSocketChannelProtocol.CloseChannel && _protocol.SupportsCloseChannel)
                {
                    if (data.Length == 1 && data[0] == WebSocketChannelProtocol.Stdin && _stdin is not null && !_stdinClosed)
                    {
                        _stdinClosed = true;
                        await _stdin.Writer.CompleteAsync();
                    }

                    continue;
                }

                if (channel == WebSocketChannelProtocol.Stdin && _stdin is not null && !_stdinClosed && data.Length > 0)
                {
                    await _stdin.Writer.WriteAsync(data);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or FormatException or InvalidOperationException or OperationCanceledException)
        {
            // The client dropped the connection or sent garbage: the command ends either way.
        }
        finally
        {
            if (_stdin is not null && !_stdinClosed)
            {
                await _stdin.Writer.CompleteAsync();
            }

            await _gone.CancelAsync();
        }
    }

    /// <summary>Closes the socket if <see cref="FinishAsync"/> did not; the token source is left to
    /// the collector because the receive loop may still cancel it after an abort.</summary>
    public override async ValueTask DisposeAsync() => await WebSocketClosing.CloseAsync(_socket, _receiving);
}
