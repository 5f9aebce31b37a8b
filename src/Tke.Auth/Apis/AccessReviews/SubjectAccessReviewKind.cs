using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis.AccessReviews;

/// <summary>
/// A create-only kind: POST returns the review with status filled in and nothing is stored.
/// It is therefore not among <see cref="AuthApiGroup"/>'s stored kinds but listed in
/// <see cref="AuthApiGroup.ReviewKinds"/> for the authorizer to serve.
/// </summary>
public sealed class SubjectAccessReviewKind : AuthKind<SubjectAccessReview>
{
    public override string Kind => "SubjectAccessReview";

    public override string Plural => "subjectaccessreviews";

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("User", r => r.Spec.User, description: "User tested."),
        Column("Allowed", r => r.Status?.Allowed ?? false, "boolean", description: "Whether the action is allowed."),
        Column("Reason", r => r.Status?.Reason, priority: 1, description: "Why."),
    ];

    protected override void Validate(SubjectAccessReview obj, FieldErrorList errors)
    {
        var spec = obj.Spec;
        var requests = (spec.ResourceAttributes is null ? 0 : 1)
            + (spec.ResourceAttributesList is { Count: > 0 } ? 1 : 0)
            + (spec.NonResourceAttributes is null ? 0 : 1);
        if (requests == 0)
        {
            errors.Required("spec", "must specify one of resourceAttributes, resourceAttributesList or nonResourceAttributes");
        }
        else if (requests > 1)
        {
            errors.Forbidden("spec", "may specify only one of resourceAttributes, resourceAttributesList or nonResourceAttributes");
        }

        if (string.IsNullOrEmpty(spec.User) && spec.Groups is not { Count: > 0 })
        {
            errors.Required("spec.user", "must specify a user or groups");
        }
    }
}
