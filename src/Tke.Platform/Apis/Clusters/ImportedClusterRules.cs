using Tke.ApiMachinery.Validation;

namespace Tke.Platform.Apis.Clusters;

/// <summary>
/// Rules for an existing cluster brought under management. TKEStack's import sends the API
/// server address in status.addresses with the create request, so it is checked here.
/// </summary>
public static class ImportedClusterRules
{
    public static void Validate(Cluster cluster, FieldErrorList errors)
    {
        var addresses = cluster.Status?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            errors.Required("status.addresses", "must specify at least one address of the cluster's API server");
            return;
        }

        for (var i = 0; i < addresses.Count; i++)
        {
            var address = addresses[i];
            var path = $"status.addresses[{i}]";
            if (address.Type is not (ClusterAddressTypes.Advertise or ClusterAddressTypes.Real))
            {
                errors.NotSupported($"{path}.type", address.Type, [ClusterAddressTypes.Advertise, ClusterAddressTypes.Real]);
            }

            if (string.IsNullOrEmpty(address.Host))
            {
                errors.Required($"{path}.host", "must specify host");
            }
            else if (address.Host.Contains("://", StringComparison.Ordinal))
            {
                errors.Invalid($"{path}.host", address.Host, "must be a host name or IP without a scheme such as https://");
            }

            if (address.Port is < 1 or > 65535)
            {
                errors.Invalid($"{path}.port", address.Port, "must be between 1 and 65535, inclusive");
            }

            if (!string.IsNullOrEmpty(address.Path) && !address.Path.StartsWith('/'))
            {
                errors.Invalid($"{path}.path", address.Path, "must start with '/'");
            }
        }
    }
}
