using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Core;
using Tke.SimCluster.Streaming;
using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Tests.Streaming;

public sealed class ContainerResolverTests
{
    [Fact]
    public void The_only_container_is_the_default()
    {
        Assert.Equal("web", ContainerResolver.Resolve(SimulatedPods.Running(), null).Name);
    }

    [Fact]
    public void With_several_containers_one_must_be_named_and_init_containers_are_listed_first()
    {
        var pod = SimulatedPods.Running(new Container { Name = "a" }, new Container { Name = "b" });
        pod.Spec.InitContainers = [new Container { Name = "setup" }];

        var e = Assert.Throws<StatusError>(() => ContainerResolver.Resolve(pod, null));

        Assert.Equal(400, e.Code);
        Assert.Equal("a container name must be specified for pod web-1, choose one of: [setup a b]", e.Message);
        Assert.Equal("setup", ContainerResolver.Resolve(pod, "setup").Name);
        Assert.Equal("b", ContainerResolver.Resolve(pod, "b").Name);
    }

    [Fact]
    public void An_unknown_container_is_a_400()
    {
        var e = Assert.Throws<StatusError>(() => ContainerResolver.Resolve(SimulatedPods.Running(), "db"));

        Assert.Equal((400, "container db is not valid for pod web-1"), (e.Code, e.Message));
    }

    [Theory]
    [InlineData("/api/v1/namespaces/shop/pods/web-1/log", "log", "get")]
    [InlineData("/api/v1/namespaces/shop/pods/web-1/exec", "exec", "create")]
    [InlineData("/api/v1/namespaces/shop/pods/web-1/attach", "attach", "create")]
    [InlineData("/api/v1/namespaces/shop/pods/web-1/portforward", "portforward", "create")]
    public void Streaming_paths_name_the_subresource_and_its_verb(string path, string subresource, string verb)
    {
        var target = PodSubresourcePath.Parse(path);

        Assert.Equal(new PodSubresourcePath("shop", "web-1", subresource), target);
        Assert.Equal(verb, target!.Verb);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/shop/pods/web-1")]
    [InlineData("/api/v1/namespaces/shop/pods/web-1/eviction")]
    [InlineData("/api/v1/namespaces/shop/pods/web-1/status")]
    [InlineData("/api/v1/namespaces//pods/web-1/log")]
    [InlineData("/apis/apps/v1/namespaces/shop/pods/web-1/log")]
    [InlineData("/api/v1/namespaces/shop/pods/web-1/log/extra")]
    public void Other_paths_are_not_streaming(string path)
    {
        Assert.Null(PodSubresourcePath.Parse(path));
    }
}
