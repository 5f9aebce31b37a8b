using Tke.ApiMachinery.Validation;
using Tke.Platform.Apis.Shared;

namespace Tke.Platform.Apis.Clusters;

/// <summary>Rules for a machine the platform logs in to over SSH (cluster masters and Machine objects).</summary>
public static class SshTargetRules
{
    public static void Validate(string path, string? ip, byte[]? password, byte[]? privateKey, FieldErrorList errors)
    {
        errors.RequiredIfEmpty($"{path}.ip", ip);
        if (!string.IsNullOrEmpty(ip) && !NetworkAddress.IsIp(ip))
        {
            errors.Invalid($"{path}.ip", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        }

        if (password is not { Length: > 0 } && privateKey is not { Length: > 0 })
        {
            errors.Required(path, "must specify password or privateKey");
        }
    }
}
