using Tke.ApiMachinery.Kinds;
using Tke.Auth.Apis.AccessReviews;
using Tke.Auth.Apis.ApiKeys;
using Tke.Auth.Apis.Categories;
using Tke.Auth.Apis.Clients;
using Tke.Auth.Apis.Groups;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Apis.LocalGroups;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.PolicyBindings;
using Tke.Auth.Apis.Roles;
using Tke.Auth.Apis.Rules;
using Tke.Auth.Apis.SigningKeys;
using Tke.Auth.Apis.Users;

namespace Tke.Auth.Apis;

/// <summary>auth.tkestack.io/v1: identities, groups, credentials, policies and their bindings.</summary>
public sealed class AuthApiGroup : IApiGroup
{
    public const string GroupName = "auth.tkestack.io";

    public const string Version = "v1";

    public string Name => GroupName;

    public string PreferredVersion => Version;

    public IReadOnlyList<KindDefinition> Kinds { get; } =
    [
        new LocalIdentityKind(),
        new LocalGroupKind(),
        new UserKind(),
        new GroupKind(),
        new ApiKeyKind(),
        new ApiSigningKeyKind(),
        new CategoryKind(),
        new PolicyKind(),
        new RuleKind(),
        new RoleKind(),
        new ProjectPolicyBindingKind(),
        new CustomPolicyBindingKind(),
        new ClientKind(),
        new IdentityProviderKind(),
        new ConfigMapKind(GroupName),
    ];

    /// <summary>Create-only kinds answered by the authorizer and never stored.</summary>
    public IReadOnlyList<KindDefinition> ReviewKinds { get; } = [new SubjectAccessReviewKind()];
}
