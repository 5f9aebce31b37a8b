namespace Tke.Auth.Oidc.Keys;

/// <summary>The key set in use, swapped atomically when keys rotate or are reloaded.</summary>
public sealed class SigningKeyRing(SigningKeySet? initial = null)
{
    private volatile SigningKeySet _current = initial ?? SigningKeySet.Empty;

    public SigningKeySet Current => _current;

    public void Publish(SigningKeySet keys) => _current = keys;
}
