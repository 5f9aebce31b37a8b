using System.ComponentModel;
using Tke.ApiMachinery.Objects;
using Tke.Business.Apis.Shared;

namespace Tke.Business.Apis.ImageNamespaces;

[Description("ImageNamespace is a registry image namespace owned by a project, living in the project's namespace. The platform creates the matching registry namespace.")]
public sealed class ImageNamespace : ApiObject<ProjectRepositorySpec, ProjectRepositoryStatus>
{
}

/// <summary>business.tkestack.io/v1 ImageNamespace.</summary>
public sealed class ImageNamespaceKind : ProjectRepositoryKind<ImageNamespace>
{
    public override string Kind => "ImageNamespace";

    public override string Plural => "imagenamespaces";

    protected override string Finalizer => "imagenamespace";

    protected override int MaxNameLength => 63;
}
