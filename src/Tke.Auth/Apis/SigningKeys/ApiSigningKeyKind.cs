using Tke.ApiMachinery.Kinds;

namespace Tke.Auth.Apis.SigningKeys;

public sealed class ApiSigningKeyKind : AuthKind<ApiSigningKey>
{
    public override string Kind => "APISigningKey";

    public override string Plural => "apisigningkeys";

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Public Key Bytes", k => k.SigningKeyPub?.Length ?? 0, "integer", description: "Size of the public key."),
    ];
}
