using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Identity;

namespace Tke.Auth.Server;

/// <summary>
/// Clients send a local user's password base64-encoded in spec.hashedPassword, as TKEStack's
/// console does; it is checked against the manual's rule and replaced by a PBKDF2 hash before
/// it is stored. An unchanged stored hash passes through.
/// </summary>
public sealed class LocalIdentityPasswordAdmission(Pbkdf2PasswordHasher hasher) : IAdmissionPlugin
{
    public string Name => "LocalIdentityPassword";

    public AdmissionPhase Phase => AdmissionPhase.Mutating;

    public bool Handles(KindDefinition kind) => kind.ObjectType == typeof(LocalIdentity);

    public ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Object is not LocalIdentity user || request.Subresource is not null)
        {
            return ValueTask.CompletedTask;
        }

        var wire = user.Spec.HashedPassword;
        if (string.IsNullOrEmpty(wire) || Pbkdf2PasswordHasher.IsHash(wire))
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            user.Spec.HashedPassword = LocalAccountRules.HashWirePassword(wire, hasher);
        }
        catch (ArgumentException e)
        {
            var errors = new FieldErrorList();
            errors.Add(new FieldError(FieldErrorKind.Invalid, "spec.hashedPassword", e.Message.Split(" (Parameter", 2)[0], "<hidden>"));
            throw StatusError.Invalid(request.Kind.Group, request.Kind.Kind, request.Name, errors);
        }

        return ValueTask.CompletedTask;
    }
}
