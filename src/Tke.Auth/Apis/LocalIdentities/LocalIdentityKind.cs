using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis.LocalIdentities;

public sealed class LocalIdentityKind : AuthKind<LocalIdentity>
{
    // Names TKEStack keeps for itself.
    private static readonly HashSet<string> ReservedUsernames = new(StringComparer.Ordinal) { "system" };

    public override string Kind => "LocalIdentity";

    public override string Plural => "localidentities";

    public override IReadOnlyList<string> ShortNames => ["usr"];

    public override string? DefaultGenerateName => "usr-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Username", u => u.Spec.Username, description: "Login name."),
        Column("Display Name", u => u.Spec.DisplayName, description: "Name shown in the console."),
        Column("Email", u => u.Spec.Email, description: "Email address."),
        Column("Locked", u => u.Status?.Locked ?? false, "boolean", description: "Whether the account is locked."),
        Column("Tenant", u => u.Spec.TenantId, priority: 1, description: "Tenant of the user."),
    ];

    protected override IReadOnlyDictionary<string, Func<LocalIdentity, string?>> TypedSelectableFields => new Dictionary<string, Func<LocalIdentity, string?>>
    {
        ["spec.tenantID"] = u => u.Spec.TenantId,
        ["spec.username"] = u => u.Spec.Username,
    };

    protected override void Validate(LocalIdentity obj, FieldErrorList errors)
    {
        ValidateSpec(obj.Spec, errors);
        if (string.IsNullOrEmpty(obj.Spec.HashedPassword))
        {
            errors.Required("spec.hashedPassword", "must specify hashedPassword");
        }
    }

    protected override void ValidateUpdate(LocalIdentity obj, LocalIdentity old, FieldErrorList errors)
    {
        // An update without a password keeps the stored hash, so it is optional here.
        ValidateSpec(obj.Spec, errors);
        FieldChecks.Unchanged(obj.Spec.TenantId, old.Spec.TenantId, "spec.tenantID", errors);
        FieldChecks.Unchanged(obj.Spec.Username, old.Spec.Username, "spec.username", errors);
    }

    private static void ValidateSpec(LocalIdentitySpec spec, FieldErrorList errors)
    {
        if (ReservedUsernames.Contains(spec.Username))
        {
            errors.Invalid("spec.username", spec.Username, "username is reserved");
        }

        if (!string.IsNullOrEmpty(spec.HashedPassword) && PasswordPolicy.Problem(spec.HashedPassword) is { } problem)
        {
            // The value is a secret: never echo it back in the error.
            errors.Invalid("spec.hashedPassword", "<redacted>", problem);
        }

        if (!string.IsNullOrEmpty(spec.Email) && !FieldChecks.IsEmail(spec.Email))
        {
            errors.Invalid("spec.email", spec.Email, "must be an email address");
        }

        if (!string.IsNullOrEmpty(spec.PhoneNumber) && !FieldChecks.IsPhoneNumber(spec.PhoneNumber))
        {
            errors.Invalid("spec.phoneNumber", spec.PhoneNumber, "must be a phone number");
        }
    }
}
