namespace Tke.Auth.Oidc.Upstream;

/// <summary>An upstream ID token that failed validation; nothing from it may be trusted.</summary>
public sealed class UpstreamIdTokenException(UpstreamTokenProblem problem, string message)
    : UpstreamLoginException("the upstream ID token was refused: " + message)
{
    public UpstreamTokenProblem Problem { get; } = problem;
}
