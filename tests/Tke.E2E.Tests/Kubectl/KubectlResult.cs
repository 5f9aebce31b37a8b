namespace Tke.E2E.Tests.Kubectl;

/// <summary>The outcome of one kubectl run.</summary>
public sealed record KubectlResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr, string ServerOutputTail)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Non-empty stdout lines, trimmed.</summary>
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() =>
        $"kubectl {string.Join(' ', Arguments)}\nexit code: {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}\n--- server output (tail) ---\n{ServerOutputTail}";

    /// <summary>Fails the test with the full run (and the server's output) unless kubectl exited 0.</summary>
    public KubectlResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new Xunit.Sdk.XunitException("kubectl failed:\n" + this);
        }

        return this;
    }

    /// <summary>Fails the test unless kubectl exited non-zero.</summary>
    public KubectlResult EnsureFailure()
    {
        if (Succeeded)
        {
            throw new Xunit.Sdk.XunitException("kubectl was expected to fail:\n" + this);
        }

        return this;
    }
}
