using System.Threading.Channels;

namespace Tke.Storage.Watching;

/// <summary>One watcher's bounded buffer of live events, written only by the hub's dispatcher.</summary>
internal sealed class WatchSubscriber(string prefix, int capacity)
{
    private readonly Channel<WatchEvent> _buffer = Channel.CreateBounded<WatchEvent>(
        new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    public string Prefix { get; } = prefix;

    public ChannelReader<WatchEvent> Reader => _buffer.Reader;

    /// <summary>Queues an event; false (and the watcher closed with an overflow error) when the buffer is full.</summary>
    public bool Offer(WatchEvent e)
    {
        if (_buffer.Writer.TryWrite(e))
        {
            return true;
        }

        _buffer.Writer.TryComplete(new WatchOverflowException(Prefix));
        return false;
    }

    /// <summary>Ends the stream after the already buffered events.</summary>
    public void Close() => _buffer.Writer.TryComplete();
}
