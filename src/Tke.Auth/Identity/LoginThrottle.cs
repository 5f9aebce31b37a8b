namespace Tke.Auth.Identity;

/// <summary>
/// Slows down password guessing: after too many failures within a window, a user (per tenant) or
/// a client address is refused for a lockout that doubles with every repeat, up to a maximum.
/// A successful login clears the user's record but not the client's, so an attacker who owns one
/// account cannot use it to reset the counter of the address he guesses from.
/// </summary>
public sealed class LoginThrottle
{
    private readonly LoginThrottleOptions options;
    private readonly TimeProvider time;
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public LoginThrottle(LoginThrottleOptions? options = null, TimeProvider? timeProvider = null)
    {
        this.options = options ?? new LoginThrottleOptions();
        this.options.Validate();
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Keys currently remembered (users and client addresses).</summary>
    public int TrackedKeys
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>How long the caller must wait before trying, or null when a login may be attempted now.</summary>
    public TimeSpan? RetryAfter(string tenantId, string username, string? clientAddress)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            var user = Remaining(UserKey(tenantId, username), now);
            var client = clientAddress is { Length: > 0 } ? Remaining(ClientKey(clientAddress), now) : null;
            return (user, client) switch
            {
                (null, null) => null,
                ({ } u, null) => u,
                (null, { } c) => c,
                ({ } u, { } c) => u > c ? u : c,
            };
        }
    }

    public void RecordFailure(string tenantId, string username, string? clientAddress)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Fail(UserKey(tenantId, username), options.MaxFailuresPerUser, now);
            if (clientAddress is { Length: > 0 })
            {
                Fail(ClientKey(clientAddress), options.MaxFailuresPerClient, now);
            }
        }
    }

    public void RecordSuccess(string tenantId, string username)
    {
        lock (gate)
        {
            entries.Remove(UserKey(tenantId, username));
        }
    }

    /// <summary>
    /// Runs one throttled login: refuses while locked out, otherwise asks the connector and records
    /// the outcome. Provider outages are not counted as failures.
    /// </summary>
    public async Task<LoginResult> LoginAsync(IPasswordConnector connector, string tenantId, string username, string password, string? clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connector);
        if (RetryAfter(tenantId, username, clientAddress) is { } wait)
        {
            return LoginResult.Throttled(wait);
        }

        var result = await connector.LoginAsync(tenantId, username, password, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            RecordSuccess(tenantId, username);
        }
        else if (result.Failure == LoginFailure.InvalidCredentials)
        {
            RecordFailure(tenantId, username, clientAddress);
        }

        return result;
    }

    // Usernames are compared case-insensitively because LDAP directories match them that way.
    private static string UserKey(string tenantId, string username) => $"u\n{tenantId}\n{(username ?? "").Trim().ToLowerInvariant()}";

    private static string ClientKey(string clientAddress) => $"c\n{clientAddress.Trim().ToLowerInvariant()}";

    private TimeSpan? Remaining(string key, DateTimeOffset now) =>
        entries.TryGetValue(key, out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : null;

    private void Fail(string key, int limit, DateTimeOffset now)
    {
        if (!entries.TryGetValue(key, out var entry))
        {
            MakeRoom(now);
            entry = new Entry { WindowStart = now };
            entries[key] = entry;
        }

        entry.LastSeen = now;
        if (now - entry.WindowStart > options.Window)
        {
            entry.Failures = 0;
            entry.WindowStart = now;
        }

        entry.Failures++;
        if (entry.Failures < limit)
        {
            return;
        }

        var lockout = options.InitialLockout * Math.Pow(2, Math.Min(entry.Lockouts, 30));
        entry.LockedUntil = now + (lockout > options.MaxLockout ? options.MaxLockout : lockout);
        entry.Lockouts++;
        entry.Failures = 0;
        entry.WindowStart = now;
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (entries.Count < options.MaxEntries)
        {
            return;
        }

        // An entry whose lockout and failure window are both over carries no information but its
        // lockout level; forgetting it only restarts the doubling, which is an acceptable trade
        // for bounded memory.
        foreach (var (key, entry) in entries)
        {
            if (entry.LockedUntil + options.Window < now && now - entry.LastSeen > options.Window)
            {
                entries.Remove(key);
            }
        }

        if (entries.Count < options.MaxEntries)
        {
            return;
        }

        // Still full (a flood of distinct names): drop the least recently seen tenth at once so the
        // sort is paid rarely.
        var drop = Math.Max(1, options.MaxEntries / 10);
        foreach (var key in entries.OrderBy(e => e.Value.LastSeen).Take(drop).Select(e => e.Key).ToList())
        {
            entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset WindowStart { get; set; }

        public DateTimeOffset LockedUntil { get; set; } = DateTimeOffset.MinValue;

        public int Lockouts { get; set; }

        public DateTimeOffset LastSeen { get; set; }
    }
}
