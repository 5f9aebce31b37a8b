using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis.Clients;

public sealed class ClientKind : AuthKind<Client>
{
    public override string Kind => "Client";

    public override string Plural => "clients";

    public override IReadOnlyList<string> ShortNames => ["cli"];

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Client ID", c => c.Spec.Id, description: "OAuth2 client ID."),
        Column("Client Name", c => c.Spec.Name, description: "Name on the consent page."),
        Column("Public", c => c.Spec.Public, "boolean", description: "Whether the client has no secret."),
        Column("Redirect URIs", c => string.Join(",", c.Spec.RedirectUris ?? []), priority: 1, description: "Allowed redirect URLs."),
    ];

    protected override IReadOnlyDictionary<string, Func<Client, string?>> TypedSelectableFields => new Dictionary<string, Func<Client, string?>>
    {
        ["spec.id"] = c => c.Spec.Id,
    };

    protected override void Validate(Client obj, FieldErrorList errors)
    {
        if (!obj.Spec.Public && string.IsNullOrEmpty(obj.Spec.Secret))
        {
            errors.Required("spec.secret", "a confidential client must have a secret");
        }

        var uris = obj.Spec.RedirectUris ?? [];
        for (var i = 0; i < uris.Count; i++)
        {
            // Out-of-band is the one redirect target that is not a URL.
            // On Unix "/path" parses as an absolute file URI, which is no redirect target either.
            if (uris[i] != "urn:ietf:wg:oauth:2.0:oob" && !(Uri.TryCreate(uris[i], UriKind.Absolute, out var uri) && !uri.IsFile))
            {
                errors.Invalid($"spec.redirect_uris[{i}]", uris[i], "must be an absolute URL");
            }
        }
    }
}
