using Tke.SimCluster.Streaming.Spdy;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class SpdyConnectionTests : IAsyncLifetime
{
    private readonly InMemoryConnection _wire = new();
    private readonly CancellationTokenSource _stop = new();
    private SpdyConnection _server = null!;
    private SpdyTestClient _client = null!;
    private Task _running = Task.CompletedTask;

    public Task InitializeAsync()
    {
        _server = new SpdyConnection(_wire.Server);
        _client = new SpdyTestClient(_wire.Client);
        _running = _server.RunAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_client_stream_is_replied_to_accepted_and_carries_data_both_ways()
    {
        await _client.OpenAsync(1, ("streamtype", "data"), ("port", "80"));

        var reply = Assert.IsType<SpdySynReplyFrame>(await _client.ReadAsync());
        Assert.Equal(1u, reply.StreamId);
        var stream = await _server.AcceptedStreams.ReadAsync();
        Assert.Equal("data", stream.Headers.Get("streamtype"));

        await _client.SendAsync(new SpdyDataFrame(1, true, "ping?"u8.ToArray()));
        Assert.Equal("ping?", await new StreamReader(stream.Input).ReadToEndAsync());

        await stream.WriteAsync("pong!"u8.ToArray(), CancellationToken.None);
        await stream.CloseWriteAsync(CancellationToken.None);
        Assert.Equal("pong!", await _client.ReadStreamToEndAsync(1));
    }

    [Fact]
    public async Task Client_pings_are_echoed_and_server_ids_are_not()
    {
        await _client.SendAsync(new SpdyPingFrame(2));
        await _client.SendAsync(new SpdyPingFrame(7));

        Assert.Equal(new SpdyPingFrame(7), await _client.ReadAsync());
    }

    [Fact]
    public async Task A_reset_from_the_client_ends_reading_with_an_error_and_refuses_writes()
    {
        await _client.OpenAsync(1, ("streamtype", "stdin"));
        await _client.ReadAsync();
        var stream = await _server.AcceptedStreams.ReadAsync();

        await _client.SendAsync(new SpdyRstStreamFrame(1, SpdyResetStatus.Cancel));

        await Assert.ThrowsAsync<IOException>(() => stream.Input.ReadAsync(new byte[8]).AsTask());
        Assert.True(stream.IsReset);
        await Assert.ThrowsAsync<IOException>(() => stream.WriteAsync("late"u8.ToArray(), CancellationToken.None));
    }

    [Fact]
    public async Task Stream_ids_that_are_even_or_go_backwards_are_refused()
    {
        await _client.OpenAsync(5, ("streamtype", "error"));
        Assert.IsType<SpdySynReplyFrame>(await _client.ReadAsync());

        await _client.OpenAsync(3, ("streamtype", "data"));
        Assert.Equal(new SpdyRstStreamFrame(3, SpdyResetStatus.ProtocolError), await _client.ReadAsync());

        await _client.OpenAsync(8, ("streamtype", "data"));
        Assert.Equal(new SpdyRstStreamFrame(8, SpdyResetStatus.ProtocolError), await _client.ReadAsync());
    }

    [Fact]
    public async Task Data_for_a_stream_that_was_never_opened_is_answered_with_invalid_stream()
    {
        await _client.SendAsync(new SpdyDataFrame(9, false, "?"u8.ToArray()));

        Assert.Equal(new SpdyRstStreamFrame(9, SpdyResetStatus.InvalidStream), await _client.ReadAsync());
    }

    [Fact]
    public async Task After_goaway_new_streams_are_refused()
    {
        await _server.GoAwayAsync(CancellationToken.None);
        Assert.IsType<SpdyGoAwayFrame>(await _client.ReadAsync());

        await _client.OpenAsync(1, ("streamtype", "error"));

        Assert.Equal(new SpdyRstStreamFrame(1, SpdyResetStatus.RefusedStream), await _client.ReadAsync());
    }

    [Fact]
    public async Task When_the_client_hangs_up_every_stream_and_the_accept_queue_end()
    {
        await _client.OpenAsync(1, ("streamtype", "stdin"));
        await _client.ReadAsync();
        var stream = await _server.AcceptedStreams.ReadAsync();

        await _wire.Client.DisposeAsync();
        await _running;

        Assert.Equal(0, await stream.Input.ReadAsync(new byte[8]));
        Assert.False(await _server.AcceptedStreams.WaitToReadAsync());
    }

    [Fact]
    public async Task A_frame_of_another_spdy_version_ends_the_connection_with_goaway()
    {
        await _wire.Client.WriteAsync(Convert.FromHexString("8002000100000000"));
        await _wire.Client.FlushAsync();

        await _running;
        Assert.IsType<SpdyGoAwayFrame>(await _client.ReadAsync());
    }
}
