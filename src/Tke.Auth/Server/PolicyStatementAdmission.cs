using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Authorization;

namespace Tke.Auth.Server;

/// <summary>
/// Checks policy statements strictly (action and resource pattern syntax: 422), and stops
/// privilege escalation: a tenant user may only write allow statements whose every action
/// and resource pattern it is itself allowed, taken literally (so "*" needs "*").
/// </summary>
public sealed class PolicyStatementAdmission(AuthorizationSnapshot snapshot) : IAdmissionPlugin
{
    public string Name => "PolicyStatement";

    public AdmissionPhase Phase => AdmissionPhase.Validating;

    public bool Handles(KindDefinition kind) => kind.ObjectType == typeof(Policy);

    public ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Object is not Policy policy || request.Subresource is not null)
        {
            return ValueTask.CompletedTask;
        }

        var errors = new FieldErrorList();
        PolicyStatementValidator.Validate(policy.Spec.Statement, errors, "spec.statement");
        if (errors.Count > 0)
        {
            throw StatusError.Invalid(request.Kind.Group, request.Kind.Kind, request.Name, errors);
        }

        var user = request.User;
        if (user.TenantScope is null || policy.Spec.Statement.Effect != PolicyEffects.Allow)
        {
            return ValueTask.CompletedTask;
        }

        var subject = new RequestSubject(user.Name, user.Groups, user.TenantId);
        foreach (var action in policy.Spec.Statement.Actions)
        {
            foreach (var resource in policy.Spec.Statement.Resources)
            {
                if (!snapshot.Current.Authorize(subject, user.TenantId, action, resource, null).Allowed)
                {
                    throw StatusError.Forbidden($"policies.{request.Kind.Group} \"{request.Name}\" is forbidden: user \"{user.Name}\" may not grant {action} on {resource}, which it does not hold itself");
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
