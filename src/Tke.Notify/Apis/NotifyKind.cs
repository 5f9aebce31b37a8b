using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;

namespace Tke.Notify.Apis;

/// <summary>A kind of the notify.tkestack.io/v1 group.</summary>
public abstract class NotifyKind<T> : KindDefinition<T>
    where T : ApiObject
{
    public sealed override string Group => NotifyApiGroup.GroupName;

    public sealed override string Version => NotifyApiGroup.Version;
}
