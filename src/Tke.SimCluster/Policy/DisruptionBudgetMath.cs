using System.Globalization;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Policy;

/// <summary>What a budget allows, as Kubernetes' disruption controller computes it.</summary>
public readonly record struct DisruptionBudgetNumbers(int ExpectedPods, int CurrentHealthy, int DesiredHealthy, int DisruptionsAllowed);

/// <summary>
/// The disruption controller's arithmetic: desiredHealthy from minAvailable (rounded up when a
/// percentage) or from expected pods minus maxUnavailable (rounded up too, so a percentage never
/// allows less than it says), and disruptionsAllowed = currentHealthy - desiredHealthy, at least 0.
/// </summary>
public static class DisruptionBudgetMath
{
    public static DisruptionBudgetNumbers Compute(IntOrString? minAvailable, IntOrString? maxUnavailable, int expectedPods, int currentHealthy)
    {
        int desired;
        if (maxUnavailable is not null)
        {
            desired = Math.Max(0, expectedPods - Scaled(maxUnavailable, expectedPods));
        }
        else if (minAvailable is not null)
        {
            desired = Scaled(minAvailable, expectedPods);
        }
        else
        {
            // Neither set: Kubernetes defaults minAvailable to 1.
            desired = 1;
        }

        return new DisruptionBudgetNumbers(expectedPods, currentHealthy, desired, Math.Max(0, currentHealthy - desired));
    }

    /// <summary>An absolute number, or a percentage of <paramref name="total"/> rounded up.</summary>
    public static int Scaled(IntOrString value, int total)
    {
        if (value.Number is { } number)
        {
            return number;
        }

        return TryParsePercent(value.Text, out var percent) ? (int)Math.Ceiling(percent * total / 100.0) : 0;
    }

    public static bool TryParsePercent(string? text, out int percent)
    {
        percent = 0;
        return text is { Length: > 1 } && text.EndsWith('%')
            && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out percent);
    }
}
