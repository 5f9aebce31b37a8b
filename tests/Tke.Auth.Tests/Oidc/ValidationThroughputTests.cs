using System.Diagnostics;
using Xunit.Abstractions;

namespace Tke.Auth.Tests.Oidc;

/// <summary>Prints single-thread validation rates; no timing assertions (shared machines vary).</summary>
public sealed class ValidationThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void MeasureValidationsPerSecond()
    {
        var rig = new OidcRig();
        var tokens = Enumerable.Range(0, 64).Select(_ => rig.IssueForAlice().AccessToken).ToArray();
        var headers = tokens.Select(t => "Bearer " + t).ToArray();

        var full = Rate(i => rig.Validator.Validate(tokens[i % tokens.Length]));
        var cached = Rate(i => rig.Authenticator.Authenticate(headers[i % headers.Length]));
        output.WriteLine($"full RS256 validation: {full:N0}/s; authenticator with verified-token cache: {cached:N0}/s");
        Console.WriteLine($"OIDC full RS256 validation: {full:N0}/s; authenticator with verified-token cache: {cached:N0}/s");
    }

    private static double Rate(Action<int> validate)
    {
        for (var i = 0; i < 2000; i++)
        {
            validate(i);
        }

        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.ElapsedMilliseconds < 1500)
        {
            for (var i = 0; i < 500; i++)
            {
                validate(count++);
            }
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
