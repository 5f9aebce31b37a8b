using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Apis.Shared;

/// <summary>
/// Tells a create from an update inside Default(), which the machinery calls for both.
/// Clients may not send a resourceVersion on create and every stored object has one, so an
/// empty resourceVersion means the object is being created. TKEStack applies some defaults
/// (finalizers, derived names) only on create; re-applying them on update would, for example,
/// put back a finalizer a controller has just removed.
/// </summary>
public static class NewObject
{
    public static bool IsBeingCreated(ApiObject obj) => string.IsNullOrEmpty(obj.Metadata.ResourceVersion);
}
