using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Tests.Store;

public sealed class StoreListWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly StoreFixture _f = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<string> _seen = Channel.CreateUnbounded<string>();

    public Task InitializeAsync() => _f.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _f.DisposeAsync();
    }

    [Fact]
    public async Task The_listing_comes_first_then_every_change_after_it()
    {
        await CreateAsync("a");
        await CreateAsync("b");
        var run = Feed().RunAsync(Listed, Changed, _stop.Token);

        Assert.Equal("listed a,b", await NextAsync());
        await CreateAsync("c");
        Assert.Equal("Added c", await NextAsync());
        await _f.Widgets.DeleteAsync(null, "a", new DeleteRequest(null, null, null), StoreFixture.Write(), default);
        Assert.Equal("Deleted a", await NextAsync());

        await _stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_failing_handler_restarts_the_watch_from_a_fresh_listing()
    {
        await CreateAsync("a");
        var failed = false;
        var run = Feed().RunAsync(Listed, (e, ct) =>
        {
            if (!failed)
            {
                failed = true;
                throw new InvalidOperationException("handler failed");
            }

            return Changed(e, ct);
        }, _stop.Token);

        Assert.Equal("listed a", await NextAsync());
        await CreateAsync("b");
        // The event that failed is not lost: the next listing has it.
        Assert.Equal("listed a,b", await NextAsync());
        await CreateAsync("c");
        Assert.Equal("Added c", await NextAsync());

        await _stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_watch_whose_revision_was_compacted_away_lists_again()
    {
        await CreateAsync("a");
        var listings = 0;
        var run = Feed().RunAsync(async (page, ct) =>
        {
            if (++listings == 1)
            {
                // Compact past the listing's revision before the watch starts from it.
                await CreateAsync("b");
                await _f.Kv.CompactAsync(_f.Kv.CurrentRevision, ct);
            }

            await Listed(page, ct);
        }, Changed, _stop.Token);

        Assert.Equal("listed a", await NextAsync());
        Assert.Equal("listed a,b", await NextAsync());
        await _stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    [Fact]
    public async Task With_a_resync_period_the_store_is_listed_again_while_the_watch_is_healthy()
    {
        await CreateAsync("a");
        var run = new StoreListWatch(_f.Widgets, TimeProvider.System, NullLogger.Instance, "test") { Resync = TimeSpan.FromMilliseconds(100) }
            .RunAsync(Listed, Changed, _stop.Token);

        Assert.Equal("listed a", await NextAsync());
        Assert.Equal("listed a", await NextAsync());
        await _stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_limited_listing_still_watches_the_whole_store()
    {
        await CreateAsync("a");
        await CreateAsync("b");
        var run = new StoreListWatch(_f.Widgets, TimeProvider.System, NullLogger.Instance, "test") { ListQuery = new ListQuery { Limit = 1 } }
            .RunAsync(Listed, Changed, _stop.Token);

        Assert.Equal("listed a", await NextAsync());
        await CreateAsync("c");
        Assert.Equal("Added c", await NextAsync());
        await _stop.CancelAsync();
        await run.WaitAsync(Patience);
    }

    private StoreListWatch Feed() => new(_f.Widgets, TimeProvider.System, NullLogger.Instance, "test") { RetryDelay = TimeSpan.FromMilliseconds(10) };

    private ValueTask Listed(ListPage page, CancellationToken cancellationToken) =>
        _seen.Writer.WriteAsync("listed " + string.Join(',', page.Items.Select(i => i.Object.Metadata.Name)), cancellationToken);

    private ValueTask Changed(ResourceEvent e, CancellationToken cancellationToken) =>
        _seen.Writer.WriteAsync($"{e.Type} {e.Item.Object.Metadata.Name}", cancellationToken);

    private async Task<string> NextAsync() => await _seen.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    private async Task CreateAsync(string name) => await _f.Widgets.CreateAsync(null, StoreFixture.Widget(name), StoreFixture.Write(), default);
}
