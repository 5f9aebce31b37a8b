namespace Tke.Auth.Authorization;

/// <summary>
/// The engine requests are authorized against right now. A controller builds a new
/// <see cref="PolicyEngine"/> when policies, roles, bindings or groups change and swaps it in;
/// requests read the current one without locks and keep the one they started with.
/// </summary>
public sealed class AuthorizationSnapshot(PolicyEngine initial)
{
    private PolicyEngine _current = initial ?? throw new ArgumentNullException(nameof(initial));
    private long _version;

    public AuthorizationSnapshot()
        : this(PolicyEngine.Empty)
    {
    }

    public PolicyEngine Current => Volatile.Read(ref _current);

    /// <summary>How many times the engine has been replaced.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Publishes <paramref name="next"/> and returns the engine it replaces.</summary>
    public PolicyEngine Replace(PolicyEngine next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var previous = Interlocked.Exchange(ref _current, next);
        Interlocked.Increment(ref _version);
        return previous;
    }

    public Decision Authorize(RequestSubject subject, string tenantId, string action, string resource, string? projectId) =>
        Current.Authorize(subject, tenantId, action, resource, projectId);
}
