using System.Security.Cryptography;

namespace Tke.Auth.Oidc.Upstream;

/// <summary>One public key from the upstream's JWKS that can check RS256 or ES256 signatures.</summary>
/// <param name="Algorithm">The JWK's `alg`, when it pins the key to one algorithm.</param>
public sealed class UpstreamVerificationKey
{
    private readonly RSAParameters? _rsa;
    private readonly ECParameters? _ec;

    private UpstreamVerificationKey(string? kid, string? algorithm, RSAParameters? rsa, ECParameters? ec)
    {
        Kid = kid;
        Algorithm = algorithm;
        _rsa = rsa;
        _ec = ec;
    }

    public string? Kid { get; }

    public string? Algorithm { get; }

    public static UpstreamVerificationKey Rsa(string? kid, string? algorithm, byte[] modulus, byte[] exponent) =>
        new(kid, algorithm, new RSAParameters { Modulus = modulus, Exponent = exponent }, null);

    public static UpstreamVerificationKey P256(string? kid, string? algorithm, byte[] x, byte[] y) =>
        new(kid, algorithm, null, new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });

    /// <summary>Whether this key may check a signature made with <paramref name="algorithm"/>;
    /// the key type decides, so an RSA key is never used for ES256 or the other way round.</summary>
    public bool Supports(string algorithm) =>
        (Algorithm is null || Algorithm == algorithm) && algorithm switch
        {
            UpstreamIdTokenValidator.Rs256 => _rsa is not null,
            UpstreamIdTokenValidator.Es256 => _ec is not null,
            _ => false,
        };

    public bool Verify(string algorithm, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (!Supports(algorithm))
        {
            return false;
        }

        try
        {
            // A new instance per check: upstream logins are rare, and RSA/ECDsa objects are not
            // documented as safe to share between threads.
            if (_rsa is { } rsaParameters)
            {
                using var rsa = RSA.Create(rsaParameters);
                return rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }

            using var ecdsa = ECDsa.Create(_ec!.Value);

            // JWS (RFC 7518 3.4) carries r||s, which is .NET's IEEE P1363 format.
            return signature.Length == 64 && ecdsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
