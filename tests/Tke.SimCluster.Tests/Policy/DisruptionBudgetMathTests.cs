using Tke.SimCluster.Policy;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Tests.Policy;

public sealed class DisruptionBudgetMathTests
{
    [Fact]
    public void MinAvailable_as_a_number_allows_the_healthy_pods_above_it()
    {
        Assert.Equal(new DisruptionBudgetNumbers(3, 3, 2, 1), DisruptionBudgetMath.Compute(IntOrString.FromInt(2), null, 3, 3));
        Assert.Equal(0, DisruptionBudgetMath.Compute(IntOrString.FromInt(3), null, 3, 3).DisruptionsAllowed);
    }

    [Fact]
    public void Fewer_healthy_pods_than_desired_allow_nothing_rather_than_a_negative_count()
    {
        Assert.Equal(0, DisruptionBudgetMath.Compute(IntOrString.FromInt(3), null, 3, 1).DisruptionsAllowed);
    }

    [Fact]
    public void A_percentage_of_minAvailable_rounds_up()
    {
        var numbers = DisruptionBudgetMath.Compute(IntOrString.FromString("50%"), null, 3, 3);
        Assert.Equal((2, 1), (numbers.DesiredHealthy, numbers.DisruptionsAllowed));
    }

    [Fact]
    public void MaxUnavailable_counts_down_from_the_expected_pods_not_the_healthy_ones()
    {
        // One pod evicted and not yet replaced: expected stays 3, so the budget is spent.
        Assert.Equal(new DisruptionBudgetNumbers(3, 2, 2, 0), DisruptionBudgetMath.Compute(null, IntOrString.FromInt(1), 3, 2));
        Assert.Equal(new DisruptionBudgetNumbers(4, 4, 2, 2), DisruptionBudgetMath.Compute(null, IntOrString.FromString("50%"), 4, 4));
        Assert.Equal(0, DisruptionBudgetMath.Compute(null, IntOrString.FromString("100%"), 4, 4).DesiredHealthy);
    }

    [Fact]
    public void Without_either_field_one_pod_must_stay_available()
    {
        Assert.Equal(new DisruptionBudgetNumbers(2, 2, 1, 1), DisruptionBudgetMath.Compute(null, null, 2, 2));
    }

    [Theory]
    [InlineData("25%", true, 25)]
    [InlineData("0%", true, 0)]
    [InlineData("%", false, 0)]
    [InlineData("25", false, 0)]
    [InlineData("-5%", false, 0)]
    public void Percentages_are_digits_then_a_percent_sign(string text, bool valid, int percent)
    {
        Assert.Equal(valid, DisruptionBudgetMath.TryParsePercent(text, out var parsed));
        Assert.Equal(percent, valid ? parsed : 0);
    }
}
