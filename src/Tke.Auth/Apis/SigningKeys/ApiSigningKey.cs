using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.SigningKeys;

/// <summary>The key pair that signs access credentials. TKEStack stores the keys at the top
/// level of the object, without spec or status.</summary>
[Description("The key pair used to sign and verify access credentials.")]
public sealed class ApiSigningKey : ApiObject
{
    [JsonPropertyName("signingKey"), Sensitive, Description("Private signing key (base64 in JSON).")]
    public byte[]? SigningKey { get; set; }

    [JsonPropertyName("signingKeyPub"), Description("Public verification key (base64 in JSON).")]
    public byte[]? SigningKeyPub { get; set; }
}
