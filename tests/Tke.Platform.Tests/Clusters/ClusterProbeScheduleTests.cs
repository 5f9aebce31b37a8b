using Tke.Platform.Clusters;

namespace Tke.Platform.Tests.Clusters;

public sealed class ClusterProbeScheduleTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ClusterProbeSchedule _schedule;

    public ClusterProbeScheduleTests() =>
        _schedule = new ClusterProbeSchedule(new ClusterHealthOptions { ProbeInterval = TimeSpan.FromSeconds(10) }, _clock);

    [Fact]
    public void A_new_cluster_is_due_at_once_and_never_probed_twice_at_the_same_time()
    {
        Assert.True(_schedule.Track("cls-a"));
        Assert.False(_schedule.Track("cls-a"));
        Assert.Equal(["cls-a"], _schedule.TakeDue());
        Assert.Empty(_schedule.TakeDue());
        Assert.Null(_schedule.NextDue());
    }

    [Fact]
    public void Failures_back_off_exponentially_and_a_success_resets_to_the_interval()
    {
        _schedule.Track("cls-a");
        var start = _clock.GetUtcNow();

        Assert.Equal(["cls-a"], _schedule.TakeDue());
        Assert.Equal(1, _schedule.Complete("cls-a", succeeded: false));
        Assert.Equal(start.AddSeconds(10), _schedule.NextDue());

        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(_schedule.TakeDue());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["cls-a"], _schedule.TakeDue());
        Assert.Equal(2, _schedule.Complete("cls-a", succeeded: false));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(20), _schedule.DueOf("cls-a"));

        _clock.Advance(TimeSpan.FromSeconds(20));
        _schedule.TakeDue();
        Assert.Equal(3, _schedule.Complete("cls-a", succeeded: false));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(40), _schedule.DueOf("cls-a"));

        _clock.Advance(TimeSpan.FromSeconds(40));
        _schedule.TakeDue();
        Assert.Equal(0, _schedule.Complete("cls-a", succeeded: true));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(10), _schedule.DueOf("cls-a"));
    }

    [Fact]
    public void A_failing_cluster_does_not_hold_back_a_healthy_one()
    {
        _schedule.Track("cls-dead");
        _schedule.Track("cls-ok");
        Assert.Equal(2, _schedule.TakeDue().Count);
        _schedule.Complete("cls-ok", succeeded: true);

        // cls-dead is still in flight (a slow probe); cls-ok comes due on its own interval regardless.
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["cls-ok"], _schedule.TakeDue());
    }

    [Fact]
    public void A_changed_connection_is_probed_soon_and_a_forgotten_cluster_never()
    {
        _schedule.Track("cls-a");
        _schedule.TakeDue();
        _schedule.Complete("cls-a", succeeded: true);
        _schedule.ProbeSoon("cls-a");
        Assert.Equal(["cls-a"], _schedule.TakeDue());

        _schedule.Forget("cls-a");
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(_schedule.TakeDue());
        Assert.Equal(0, _schedule.Count);
    }
}
