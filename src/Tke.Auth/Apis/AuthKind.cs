using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis;

/// <summary>A kind of the auth.tkestack.io/v1 group.</summary>
public abstract class AuthKind<T> : KindDefinition<T>
    where T : ApiObject
{
    public sealed override string Group => AuthApiGroup.GroupName;

    public sealed override string Version => AuthApiGroup.Version;
}
