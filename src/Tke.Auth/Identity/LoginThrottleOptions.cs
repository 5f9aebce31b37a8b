namespace Tke.Auth.Identity;

/// <summary>Limits of <see cref="LoginThrottle"/>.</summary>
public sealed class LoginThrottleOptions
{
    /// <summary>Failed logins of one user within <see cref="Window"/> that trigger a lockout.</summary>
    public int MaxFailuresPerUser { get; init; } = 5;

    /// <summary>Failed logins from one client address within <see cref="Window"/> that trigger a lockout; higher because many users can share a NAT.</summary>
    public int MaxFailuresPerClient { get; init; } = 20;

    /// <summary>How long failures are remembered.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>First lockout; each further lockout of the same key doubles it.</summary>
    public TimeSpan InitialLockout { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Keys remembered at most; beyond it expired and then least recently seen keys are dropped.</summary>
    public int MaxEntries { get; init; } = 100_000;

    internal void Validate()
    {
        if (MaxFailuresPerUser < 1 || MaxFailuresPerClient < 1 || MaxEntries < 2)
        {
            throw new ArgumentException("failure limits must be at least 1 and MaxEntries at least 2");
        }

        if (Window <= TimeSpan.Zero || InitialLockout <= TimeSpan.Zero || MaxLockout < InitialLockout)
        {
            throw new ArgumentException("Window and InitialLockout must be positive and MaxLockout at least InitialLockout");
        }
    }
}
