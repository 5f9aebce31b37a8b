using Tke.ApiMachinery.Requests;

namespace Tke.Registry.Resources;

/// <summary>The identity the registry writes its API objects as (repositories it creates on
/// push, their status): platform-wide, since events of every tenant arrive.</summary>
public static class RegistrySystemUser
{
    public static RequestUser User { get; } = new("system:tke-registry", [RequestUser.AllTenantsGroup], "default");

    public static WriteContext Write() => new(User) { FieldValidation = FieldValidationMode.Strict };
}
