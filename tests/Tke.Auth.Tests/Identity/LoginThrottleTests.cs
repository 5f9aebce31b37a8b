using Tke.Auth.Identity;

namespace Tke.Auth.Tests.Identity;

public sealed class LoginThrottleTests
{
    private readonly ManualTimeProvider clock = new();

    private LoginThrottle NewThrottle(int perUser = 3, int perClient = 10, int maxEntries = 1000) => new(
        new LoginThrottleOptions
        {
            MaxFailuresPerUser = perUser,
            MaxFailuresPerClient = perClient,
            Window = TimeSpan.FromMinutes(10),
            InitialLockout = TimeSpan.FromMinutes(1),
            MaxLockout = TimeSpan.FromMinutes(8),
            MaxEntries = maxEntries,
        },
        clock);

    [Fact]
    public void UserIsLockedOutAfterTooManyFailures()
    {
        var throttle = NewThrottle();
        for (var i = 0; i < 2; i++)
        {
            throttle.RecordFailure("default", "jane", "10.0.0.1");
            Assert.Null(throttle.RetryAfter("default", "jane", "10.0.0.1"));
        }

        throttle.RecordFailure("default", "jane", "10.0.0.1");

        Assert.Equal(TimeSpan.FromMinutes(1), throttle.RetryAfter("default", "jane", "10.0.0.2"));
        Assert.Equal(TimeSpan.FromMinutes(1), throttle.RetryAfter("default", "JANE", null));
        Assert.Null(throttle.RetryAfter("default", "bob", "10.0.0.1"));
        Assert.Null(throttle.RetryAfter("other", "jane", "10.0.0.1"));

        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), throttle.RetryAfter("default", "jane", null));
        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(throttle.RetryAfter("default", "jane", null));
    }

    [Fact]
    public void LockoutDoublesWithEveryRepeatUpToTheMaximum()
    {
        var throttle = NewThrottle();
        var expected = new[] { 1, 2, 4, 8, 8 };
        foreach (var minutes in expected)
        {
            for (var i = 0; i < 3; i++)
            {
                throttle.RecordFailure("default", "jane", null);
            }

            Assert.Equal(TimeSpan.FromMinutes(minutes), throttle.RetryAfter("default", "jane", null));
            clock.Advance(TimeSpan.FromMinutes(minutes));
        }
    }

    [Fact]
    public void FailuresOutsideTheWindowAreForgotten()
    {
        var throttle = NewThrottle();
        throttle.RecordFailure("default", "jane", null);
        throttle.RecordFailure("default", "jane", null);
        clock.Advance(TimeSpan.FromMinutes(11));
        throttle.RecordFailure("default", "jane", null);

        Assert.Null(throttle.RetryAfter("default", "jane", null));
    }

    [Fact]
    public void SuccessResetsTheUserButNotTheClientAddress()
    {
        var throttle = NewThrottle(perUser: 3, perClient: 4);
        throttle.RecordFailure("default", "jane", "10.0.0.1");
        throttle.RecordFailure("default", "jane", "10.0.0.1");
        throttle.RecordSuccess("default", "jane");
        throttle.RecordFailure("default", "jane", "10.0.0.1");
        Assert.Null(throttle.RetryAfter("default", "jane", null));

        // The fourth failure from the address locks the address, for every user.
        throttle.RecordFailure("default", "bob", "10.0.0.1");
        Assert.NotNull(throttle.RetryAfter("default", "alice", "10.0.0.1"));
        Assert.Null(throttle.RetryAfter("default", "alice", "10.0.0.2"));
    }

    [Fact]
    public async Task ThrottledLoginRefusesWithoutAskingTheConnector()
    {
        var store = new InMemoryLocalIdentities();
        store.Add("default", "jane", "Secret12345");
        var connector = new LocalPasswordConnector(store);
        var throttle = NewThrottle();

        for (var i = 0; i < 3; i++)
        {
            var failed = await throttle.LoginAsync(connector, "default", "jane", "Wrong123456", "10.0.0.1");
            Assert.Equal(LoginFailure.InvalidCredentials, failed.Failure);
        }

        var lookups = store.Lookups;
        var refused = await throttle.LoginAsync(connector, "default", "jane", "Secret12345", "10.0.0.1");

        Assert.Equal(LoginFailure.Throttled, refused.Failure);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.RetryAfter);
        Assert.Equal(lookups, store.Lookups);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await throttle.LoginAsync(connector, "default", "jane", "Secret12345", "10.0.0.1")).Succeeded);
    }

    [Fact]
    public void MemoryIsBounded()
    {
        var throttle = NewThrottle(maxEntries: 100);
        for (var i = 0; i < 1000; i++)
        {
            throttle.RecordFailure("default", $"user{i}", $"10.0.{i / 256}.{i % 256}");
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.True(throttle.TrackedKeys <= 100, $"{throttle.TrackedKeys} keys");

        // The most recent attacker is still remembered.
        throttle.RecordFailure("default", "user999", null);
        throttle.RecordFailure("default", "user999", null);
        Assert.NotNull(throttle.RetryAfter("default", "user999", null));
    }

    [Fact]
    public void ExpiredEntriesAreEvictedFirst()
    {
        var throttle = NewThrottle(maxEntries: 10);
        for (var i = 0; i < 10; i++)
        {
            throttle.RecordFailure("default", $"old{i}", null);
        }

        clock.Advance(TimeSpan.FromHours(1));
        throttle.RecordFailure("default", "new", null);

        Assert.Equal(1, throttle.TrackedKeys);
    }
}
