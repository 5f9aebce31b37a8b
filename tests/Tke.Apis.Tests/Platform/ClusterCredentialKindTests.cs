using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis.ClusterCredentials;

namespace Tke.Apis.Tests.Platform;

public class ClusterCredentialKindTests
{
    private readonly ClusterCredentialKind _kind = new();

    private static ClusterCredential Sample() => new()
    {
        ApiVersion = "platform.tkestack.io/v1",
        Kind = "ClusterCredential",
        Metadata = new ObjectMeta { Name = "cc-abcd1234" },
        TenantID = "default",
        ClusterName = "cls-abc123",
        CACert = "-----BEGIN CERTIFICATE-----"u8.ToArray(),
        Token = "eyJhbGciOi",
    };

    [Fact]
    public void Names_and_prefix_are_those_of_TKEStack()
    {
        Assert.Equal("clustercredentials", _kind.Plural);
        Assert.Equal("cc-", _kind.DefaultGenerateName);
        Assert.False(_kind.HasStatusSubresource);
        Assert.Empty(_kind.ShortNames);
    }

    [Fact]
    public void Schema_has_top_level_fields_and_marks_secrets()
    {
        KindAssert.HasFields(_kind, "tenantID", "clusterName", "caCert", "caKey", "clientCert", "clientKey", "token",
            "bootstrapToken", "certificateKey", "etcdCACert", "etcdCAKey", "etcdAPIClientCert", "etcdAPIClientKey");
        Assert.False(_kind.Schema.Properties!.ContainsKey("spec"));
        KindAssert.MarkedSensitive<ClusterCredential>(
            nameof(ClusterCredential.CAKey), nameof(ClusterCredential.ClientKey), nameof(ClusterCredential.Token), nameof(ClusterCredential.BootstrapToken),
            nameof(ClusterCredential.CertificateKey), nameof(ClusterCredential.ETCDCAKey), nameof(ClusterCredential.ETCDAPIClientKey));
        KindAssert.NotSensitive<ClusterCredential>(
            nameof(ClusterCredential.CACert), nameof(ClusterCredential.ClientCert), nameof(ClusterCredential.ETCDCACert), nameof(ClusterCredential.ClusterName));

        // String secrets already reach the schema; byte[] ones await the schema builder.
        Assert.True(KindAssert.SchemaAt(_kind, "token").Sensitive);
    }

    [Fact]
    public void A_valid_credential_passes() => KindAssert.Valid(_kind, Sample());

    [Fact]
    public void Client_certificate_and_key_go_together()
    {
        var credential = Sample();
        credential.ClientCert = "cert"u8.ToArray();
        KindAssert.HasError(KindAssert.Validate(_kind, credential), "clientKey", FieldErrorKind.Required);
        credential.ClientCert = null;
        credential.ClientKey = "key"u8.ToArray();
        KindAssert.HasError(KindAssert.Validate(_kind, credential), "clientCert", FieldErrorKind.Required);
    }

    [Fact]
    public void The_cluster_of_a_credential_cannot_change()
    {
        var updated = Sample();
        updated.ClusterName = "cls-other";
        KindAssert.HasError(KindAssert.ValidateUpdate(_kind, updated, Sample()), "clusterName", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Json_uses_TKEStack_field_names()
    {
        var (json, back) = KindAssert.RoundTrip(Sample());
        Assert.Equal("cls-abc123", json["clusterName"]?.GetValue<string>());
        Assert.Equal("default", json["tenantID"]?.GetValue<string>());
        Assert.Equal("eyJhbGciOi", json["token"]?.GetValue<string>());
        Assert.Equal(Convert.ToBase64String("-----BEGIN CERTIFICATE-----"u8), json["caCert"]?.GetValue<string>());
        Assert.Equal("eyJhbGciOi", back.Token);
    }

    [Fact]
    public void Table_and_field_selectors()
    {
        var credential = Sample();
        Assert.Equal("cls-abc123", KindAssert.Cells(_kind, credential)["Cluster"]);
        Assert.Equal("Token", KindAssert.Cells(_kind, credential)["Auth"]);
        Assert.Equal("cls-abc123", KindAssert.Select(_kind, credential, "clusterName"));
        Assert.Equal("default", KindAssert.Select(_kind, credential, "tenantID"));
    }
}
