using Tke.SimCluster.Controllers.Runtime;

namespace Tke.SimCluster.Tests.Controllers;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task A_key_added_twice_while_waiting_is_handed_out_once()
    {
        var queue = new WorkQueue(TimeProvider.System);
        queue.Add("default/a");
        queue.Add("default/a");
        queue.Add("default/b");
        Assert.Equal("default/a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("default/b", await queue.TakeAsync(CancellationToken.None));
        using var nothingMore = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.TakeAsync(nothingMore.Token));
    }

    [Fact]
    public async Task A_key_added_while_processed_comes_back_after_Done_not_before()
    {
        var queue = new WorkQueue(TimeProvider.System);
        queue.Add("k");
        var key = await queue.TakeAsync(CancellationToken.None);
        queue.Add("k");
        using (var notYet = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await queue.TakeAsync(notYet.Token));
        }

        queue.Done(key);
        Assert.Equal("k", await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public void Backoff_doubles_per_failure_up_to_the_cap_and_Forget_resets_it()
    {
        var queue = new WorkQueue(TimeProvider.System, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50));
        using var stop = new CancellationTokenSource();
        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.AddWithBackoff("k", stop.Token));
        Assert.Equal(TimeSpan.FromMilliseconds(20), queue.AddWithBackoff("k", stop.Token));
        Assert.Equal(TimeSpan.FromMilliseconds(40), queue.AddWithBackoff("k", stop.Token));
        Assert.Equal(TimeSpan.FromMilliseconds(50), queue.AddWithBackoff("k", stop.Token));
        queue.Forget("k");
        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.AddWithBackoff("k", stop.Token));
        stop.Cancel();
    }

    [Fact]
    public async Task AddAfter_hands_the_key_out_once_the_delay_has_passed()
    {
        var queue = new WorkQueue(TimeProvider.System);
        var started = DateTimeOffset.UtcNow;
        queue.AddAfter("k", TimeSpan.FromMilliseconds(150), CancellationToken.None);
        Assert.Equal("k", await queue.TakeAsync(CancellationToken.None));
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(140));
    }
}
