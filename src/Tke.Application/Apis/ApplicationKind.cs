using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;

namespace Tke.Application.Apis;

/// <summary>A kind of the application.tkestack.io/v1 group.</summary>
public abstract class ApplicationKind<T> : KindDefinition<T>
    where T : ApiObject
{
    public sealed override string Group => ApplicationApiGroup.GroupName;

    public sealed override string Version => ApplicationApiGroup.Version;
}
