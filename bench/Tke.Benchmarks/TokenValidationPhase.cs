using System.Diagnostics;
using System.Globalization;
using Tke.Auth.Oidc;
using Tke.Auth.Oidc.Keys;
using Tke.Auth.Oidc.Tokens;

namespace Tke.Benchmarks;

/// <summary>
/// `tke-bench tokens`: bearer-token validation on one thread, in process: a full RS256 check of
/// tokens never seen before, and the authenticator as requests meet it (a token is verified
/// once and then found in the verified-token cache).
/// </summary>
public static class TokenValidationPhase
{
    private const double TargetPerSecond = 50_000;

    public static int Run()
    {
        var clock = TimeProvider.System;
        var options = new OidcOptions { Issuer = "https://127.0.0.1:9443/oidc" };
        var ring = new SigningKeyRing(SigningKeySet.Empty.Rotate(clock.GetUtcNow(), KeyRotationPolicy.For(options)));
        var issuer = new TokenIssuer(options, ring, clock);
        var validator = new TokenValidator(options, ring, clock);
        var authenticator = new OidcTokenAuthenticator(validator, ring, new VerifiedTokenCache(ring, clock, options.ClockSkew));

        // Distinct tokens, so the full-validation figure never benefits from a cache.
        var identity = new OidcIdentity("alice", "alice", "alice@example.org", ["dev"], "default");
        var tokens = Enumerable.Range(0, 50_000).Select(i => issuer.Issue(identity with { UserId = "u" + i }, "tke", "s" + i, null, ["openid"]).AccessToken).ToArray();
        var headers = tokens.Take(1_000).Select(t => "Bearer " + t).ToArray();

        Progress.Report("tokens: full RS256 validation of distinct tokens on one thread");
        var full = Rate(i => validator.Validate(tokens[i % tokens.Length]), TimeSpan.FromSeconds(3));
        Progress.Report("tokens: authenticator with the verified-token cache (1,000 live tokens)");
        var cached = Rate(i => authenticator.Authenticate(headers[i % headers.Length]), TimeSpan.FromSeconds(3));

        Console.WriteLine("| phase | validations/s (one thread) | target | result |");
        Console.WriteLine("|---|---:|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| RS256 token, first time seen | {full:N0} | ≥ {TargetPerSecond:N0}/s | {(full >= TargetPerSecond ? "pass" : "miss")} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| bearer authenticator, repeat tokens | {cached:N0} | ≥ {TargetPerSecond:N0}/s | {(cached >= TargetPerSecond ? "pass" : "miss")} |"));
        return cached >= TargetPerSecond ? 0 : 1;
    }

    private static double Rate(Action<int> validate, TimeSpan duration)
    {
        for (var i = 0; i < 2_000; i++)
        {
            validate(i);
        }

        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 500; i++)
            {
                validate(count++);
            }
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
