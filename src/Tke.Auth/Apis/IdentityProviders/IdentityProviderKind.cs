using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis.IdentityProviders;

public sealed class IdentityProviderKind : AuthKind<IdentityProvider>
{
    // Connectors whose settings cannot be derived, so a configuration is mandatory.
    private static readonly HashSet<string> ConfiguredTypes = new(StringComparer.Ordinal) { "ldap", "oidc" };

    public override string Kind => "IdentityProvider";

    public override string Plural => "identityproviders";

    public override IReadOnlyList<string> ShortNames => ["idp"];

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", p => p.Spec.Name, description: "Name on the login page."),
        Column("Type", p => p.Spec.Type, description: "Connector type."),
        Column("Administrators", p => string.Join(",", p.Spec.Administrators ?? []), description: "Platform administrators from this provider."),
    ];

    protected override IReadOnlyDictionary<string, Func<IdentityProvider, string?>> TypedSelectableFields => new Dictionary<string, Func<IdentityProvider, string?>>
    {
        ["spec.type"] = p => p.Spec.Type,
        ["spec.name"] = p => p.Spec.Name,
    };

    protected override void Validate(IdentityProvider obj, FieldErrorList errors)
    {
        var config = obj.Spec.Config;
        if (string.IsNullOrWhiteSpace(config))
        {
            if (ConfiguredTypes.Contains(obj.Spec.Type))
            {
                errors.Required("spec.config", $"a {obj.Spec.Type} identity provider needs its connector configuration");
            }

            return;
        }

        try
        {
            if (JsonNode.Parse(config) is not JsonObject)
            {
                errors.Invalid("spec.config", "<redacted>", "must be a JSON object serialised as a string");
            }
        }
        catch (JsonException e)
        {
            // The configuration holds credentials, so only the parser's position is reported.
            errors.Invalid("spec.config", "<redacted>", $"must be a JSON object serialised as a string (syntax error at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
    }
}
