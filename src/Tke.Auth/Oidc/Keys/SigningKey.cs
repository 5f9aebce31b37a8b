using System.Buffers.Text;
using System.Security.Cryptography;

namespace Tke.Auth.Oidc.Keys;

/// <summary>One RS256 key of the key set. Retired keys have no private part and only verify.</summary>
public sealed class SigningKey
{
    public const string Algorithm = "RS256";
    private const int KeySizeBits = 2048;

    private readonly RSA? _signer;
    private readonly Lock _signLock = new();

    // RSA instances are not documented as thread-safe; one per thread keeps verification lock-free.
    private readonly ThreadLocal<RSA> _verifiers;

    public SigningKey(string kid, byte[]? privateKeyPkcs8, byte[] publicKeySpki, DateTimeOffset activeFrom, DateTimeOffset signUntil, DateTimeOffset verifyUntil)
    {
        ArgumentException.ThrowIfNullOrEmpty(kid);
        Kid = kid;
        PrivateKeyPkcs8 = privateKeyPkcs8;
        PublicKeySpki = publicKeySpki;
        ActiveFrom = activeFrom;
        SignUntil = signUntil;
        VerifyUntil = verifyUntil;

        using var pub = RSA.Create();
        pub.ImportSubjectPublicKeyInfo(publicKeySpki, out _);
        var parameters = pub.ExportParameters(false);
        Modulus = Base64Url.EncodeToString(parameters.Modulus);
        Exponent = Base64Url.EncodeToString(parameters.Exponent);

        if (privateKeyPkcs8 is not null)
        {
            _signer = RSA.Create();
            _signer.ImportPkcs8PrivateKey(privateKeyPkcs8, out _);
            if (!_signer.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(publicKeySpki))
            {
                throw new CryptographicException($"signing key {kid}: the private key does not match the public key");
            }
        }

        _verifiers = new ThreadLocal<RSA>(() =>
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(publicKeySpki, out _);
            return rsa;
        });
    }

    public string Kid { get; }

    /// <summary>When the key starts signing. Keys are published ahead of this time so every
    /// replica and relying party knows a key before it sees a token signed with it.</summary>
    public DateTimeOffset ActiveFrom { get; }

    /// <summary>When the key is due to be replaced as the signing key.</summary>
    public DateTimeOffset SignUntil { get; }

    /// <summary>When the key stops verifying and is deleted.</summary>
    public DateTimeOffset VerifyUntil { get; }

    public byte[]? PrivateKeyPkcs8 { get; }

    public byte[] PublicKeySpki { get; }

    public bool CanSign => _signer is not null;

    /// <summary>JWK `n`, base64url.</summary>
    public string Modulus { get; }

    /// <summary>JWK `e`, base64url.</summary>
    public string Exponent { get; }

    public static SigningKey Generate(DateTimeOffset activeFrom, KeyRotationPolicy policy)
    {
        using var rsa = RSA.Create(KeySizeBits);
        var kid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        var signUntil = activeFrom + policy.RotationPeriod;
        return new SigningKey(kid, rsa.ExportPkcs8PrivateKey(), rsa.ExportSubjectPublicKeyInfo(), activeFrom, signUntil, signUntil + policy.VerificationPeriod);
    }

    /// <summary>The verification-only copy kept after the key stops signing.</summary>
    public SigningKey Retire(DateTimeOffset verifyUntil) =>
        new(Kid, null, PublicKeySpki, ActiveFrom, SignUntil, verifyUntil > VerifyUntil ? verifyUntil : VerifyUntil);

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (_signer is null)
        {
            throw new InvalidOperationException($"signing key {Kid} is retired and cannot sign");
        }

        lock (_signLock)
        {
            return _signer.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        _verifiers.Value!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
}
