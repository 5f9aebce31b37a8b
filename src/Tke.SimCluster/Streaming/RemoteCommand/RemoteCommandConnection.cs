namespace Tke.SimCluster.Streaming.RemoteCommand;

/// <summary>
/// The client's end of one exec or attach, whatever carries it (WebSocket channels or SPDY
/// streams): the standard streams it asked for, a token that fires when it goes away, and the
/// final report on the error stream.
/// </summary>
public abstract class RemoteCommandConnection : IAsyncDisposable
{
    /// <summary>Null when the client asked for no stdin.</summary>
    public abstract Stream? Stdin { get; }

    public abstract Stream? Stdout { get; }

    public abstract Stream? Stderr { get; }

    /// <summary>The transport's protocol name, for logs.</summary>
    public abstract string Protocol { get; }

    /// <summary>Cancelled when the client closes the connection.</summary>
    public abstract CancellationToken ClientGone { get; }

    /// <summary>Reports the outcome on the error stream and ends the output streams.</summary>
    public abstract Task FinishAsync(RemoteCommandOutcome outcome, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();
}
