using System.Globalization;
using Tke.Auth.Apis.SigningKeys;

namespace Tke.Auth.Oidc.Keys;

/// <summary>Maps keys to APISigningKey objects. The kind has only the key bytes, so the kid is
/// the object name and the key's times are annotations.</summary>
public static class SigningKeyObjectCodec
{
    public const string UseLabel = "auth.tkestack.io/key-use";
    public const string UseOidc = "oidc";
    public const string ActiveFromAnnotation = "auth.tkestack.io/active-from";
    public const string SignUntilAnnotation = "auth.tkestack.io/sign-until";
    public const string VerifyUntilAnnotation = "auth.tkestack.io/verify-until";

    public static bool IsOidcKey(ApiSigningKey obj) =>
        obj.Metadata.Labels?.GetValueOrDefault(UseLabel) == UseOidc;

    public static ApiSigningKey ToObject(SigningKey key) => new()
    {
        Metadata =
        {
            Name = key.Kid,
            Labels = new() { [UseLabel] = UseOidc },
            Annotations = new()
            {
                [ActiveFromAnnotation] = Format(key.ActiveFrom),
                [SignUntilAnnotation] = Format(key.SignUntil),
                [VerifyUntilAnnotation] = Format(key.VerifyUntil),
            },
        },
        SigningKey = key.PrivateKeyPkcs8,
        SigningKeyPub = key.PublicKeySpki,
    };

    public static SigningKey FromObject(ApiSigningKey obj)
    {
        var name = obj.Metadata.Name ?? throw new FormatException("signing key object has no name");
        var annotations = obj.Metadata.Annotations ?? [];
        if (obj.SigningKeyPub is not { Length: > 0 } pub)
        {
            throw new FormatException($"signing key {name} has no public key");
        }

        return new SigningKey(
            name,
            obj.SigningKey is { Length: > 0 } priv ? priv : null,
            pub,
            Parse(annotations, ActiveFromAnnotation, name),
            Parse(annotations, SignUntilAnnotation, name),
            Parse(annotations, VerifyUntilAnnotation, name));
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(Dictionary<string, string> annotations, string key, string name) =>
        annotations.TryGetValue(key, out var value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new FormatException($"signing key {name} has no valid {key} annotation");
}
