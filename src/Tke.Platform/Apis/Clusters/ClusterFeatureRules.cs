using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Clusters;

/// <summary>Rules for spec.features that the schema cannot express (address formats, hook names).</summary>
public static class ClusterFeatureRules
{
    public static readonly IReadOnlyList<string> HookTypes =
    [
        "PreInstall", "PostInstall", "PreUpgrade", "PostUpgrade",
        "PreClusterInstall", "PostClusterInstall", "PreClusterDelete", "PostClusterUpgrade",
    ];

    public static void Validate(ClusterFeature? features, string path, FieldErrorList errors)
    {
        if (features is null)
        {
            return;
        }

        if (features.HA?.TKE is { } tke && !NetworkAddress.IsIp(tke.VIP))
        {
            errors.Invalid($"{path}.ha.tke.vip", tke.VIP, "must be a valid IP address");
        }

        if (features.HA?.ThirdParty is { } thirdParty && !NetworkAddress.IsIp(thirdParty.VIP))
        {
            errors.Invalid($"{path}.ha.thirdParty.vip", thirdParty.VIP, "must be a valid IP address");
        }

        if (features.HA is { TKE: not null, ThirdParty: not null })
        {
            errors.Forbidden($"{path}.ha", "choose either tke or thirdParty high availability, not both");
        }

        foreach (var hook in features.Hooks?.Keys ?? Enumerable.Empty<string>())
        {
            if (!HookTypes.Contains(hook))
            {
                errors.NotSupported($"{path}.hooks[{hook}]", hook, HookTypes);
            }
        }
    }
}
