using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;

namespace Tke.Registry.Apis;

/// <summary>A kind of the registry.tkestack.io/v1 group.</summary>
public abstract class RegistryKind<T> : KindDefinition<T>
    where T : ApiObject
{
    public sealed override string Group => RegistryApiGroup.GroupName;

    public sealed override string Version => RegistryApiGroup.Version;
}
