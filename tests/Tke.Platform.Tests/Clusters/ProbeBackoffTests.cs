using Tke.Platform.Clusters;

namespace Tke.Platform.Tests.Clusters;

public sealed class ProbeBackoffTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(5, 80)]
    [InlineData(1000, 80)]
    public void Doubles_with_each_failure_up_to_the_cap(int failures, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ProbeBackoff.DelayAfter(failures, Interval, TimeSpan.FromSeconds(80)));
    }

    [Fact]
    public void A_cap_below_the_interval_never_probes_faster_than_the_interval()
    {
        Assert.Equal(Interval, ProbeBackoff.DelayAfter(5, Interval, TimeSpan.FromSeconds(1)));
    }
}
