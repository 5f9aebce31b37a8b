using Tke.ApiMachinery.Http;

namespace Tke.ApiMachinery.Tests.Http;

public sealed class ApiRequestTests
{
    [Theory]
    [InlineData("/healthz", ApiPathKind.Other)]
    [InlineData("/api", ApiPathKind.CoreVersions)]
    [InlineData("/apis", ApiPathKind.GroupList)]
    [InlineData("/apis/platform.tkestack.io", ApiPathKind.Group)]
    [InlineData("/apis/platform.tkestack.io/v1", ApiPathKind.ResourceList)]
    [InlineData("/api/v1", ApiPathKind.ResourceList)]
    [InlineData("/apis/g/v1/a/b/c/d", ApiPathKind.Other)]
    public void Classifies_paths(string path, ApiPathKind kind) => Assert.Equal(kind, ApiRequest.Parse(path).Kind);

    [Fact]
    public void Parses_cluster_scoped_objects_and_subresources()
    {
        var r = ApiRequest.Parse("/apis/platform.tkestack.io/v1/clusters/cls-1/status");
        Assert.Equal(("platform.tkestack.io", "v1", null, "clusters", "cls-1", "status"), (r.Group, r.Version, r.Namespace, r.Resource, r.Name, r.Subresource));
    }

    [Fact]
    public void Parses_namespaced_resources_even_when_the_resource_is_called_namespaces()
    {
        var list = ApiRequest.Parse("/apis/business.tkestack.io/v1/namespaces/prj-x/namespaces");
        Assert.Equal(("prj-x", "namespaces", null), (list.Namespace, list.Resource, list.Name));

        var item = ApiRequest.Parse("/apis/business.tkestack.io/v1/namespaces/prj-x/namespaces/cls-a-default");
        Assert.Equal(("prj-x", "namespaces", "cls-a-default"), (item.Namespace, item.Resource, item.Name));

        // namespaces/{name} alone names the object "name" of the resource "namespaces".
        var bare = ApiRequest.Parse("/apis/business.tkestack.io/v1/namespaces/prj-x");
        Assert.Equal((null, "namespaces", "prj-x"), (bare.Namespace, bare.Resource, bare.Name));
    }
}
