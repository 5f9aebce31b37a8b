using Tke.Auth.Authorization;

namespace Tke.Auth.Tests.Authorization;

public sealed class ActionMapperTests
{
    // The cases of TKEStack's pkg/auth/filter/filter_test.go, plus the other verbs.
    [Theory]
    [InlineData("list", "auth.tkestack.io", "policies", "", "", "", "", "", "listPolicies", "policy:*")]
    [InlineData("get", "auth.tkestack.io", "policies", "policy-default-123", "", "", "", "", "getPolicy", "policy:policy-default-123")]
    [InlineData("get", "", "namespaces", "demo", "demo", "", "", "cls-82qkvzgp", "getNamespace", "cluster:cls-82qkvzgp/namespace:demo")]
    [InlineData("list", "apps", "deployments", "", "demo", "", "", "cls-82qkvzgp", "listDeployments", "cluster:cls-82qkvzgp/namespace:demo/deployment:*")]
    [InlineData("get", "platform.tkestack.io", "clusters", "cls-82qkvzgp", "", "", "", "", "getCluster", "cluster:cls-82qkvzgp")]
    [InlineData("get", "platform.tkestack.io", "clusters", "cls-82qkvzgp", "", "alarmpolicies", "/api/v1/clusters/cls-82qkvzgp/alarmpolicies/test", "", "getAlarmpolicy", "cluster:cls-82qkvzgp/alarmpolicy:test")]
    [InlineData("get", "platform.tkestack.io", "clusters", "cls-82qkvzgp", "", "alarmpolicies", "/api/v1/clusters/cls-82qkvzgp/alarmpolicies", "", "listAlarmpolicies", "cluster:cls-82qkvzgp/alarmpolicy:*")]
    [InlineData("list", "platform.tkestack.io", "clusters", "", "", "", "", "", "listClusters", "cluster:*")]
    [InlineData("create", "platform.tkestack.io", "clusters", "", "", "", "", "", "createCluster", "cluster:*")]
    [InlineData("update", "apps", "deployments", "web", "demo", "", "", "cls-1", "updateDeployment", "cluster:cls-1/namespace:demo/deployment:web")]
    [InlineData("patch", "apps", "deployments", "web", "demo", "scale", "", "cls-1", "updateDeploymentScale", "cluster:cls-1/namespace:demo/deployment:web")]
    [InlineData("delete", "apps", "deployments", "web", "demo", "", "", "cls-1", "deleteDeployment", "cluster:cls-1/namespace:demo/deployment:web")]
    [InlineData("deletecollection", "", "pods", "", "demo", "", "", "cls-1", "deletePod", "cluster:cls-1/namespace:demo/pod:*")]
    [InlineData("watch", "apps", "deployments", "", "demo", "", "", "cls-1", "watchDeployment", "cluster:cls-1/namespace:demo/deployment:*")]
    [InlineData("get", "", "pods", "web-1", "demo", "log", "", "cls-1", "getPodLog", "cluster:cls-1/namespace:demo/pod:web-1")]
    [InlineData("get", "", "pods", "web-1", "demo", "status", "", "cls-1", "getPodStatus", "cluster:cls-1/namespace:demo/pod:web-1")]
    [InlineData("get", "apps", "deployments", "web", "demo", "pods", "", "cls-1", "listDeploymentPods", "cluster:cls-1/namespace:demo/deployment:web")]
    [InlineData("get", "business.tkestack.io", "namespaces", "ns-1", "prj-1", "", "", "", "getNamespace", "project:prj-1/namespace:ns-1")]
    [InlineData("list", "registry.tkestack.io", "namespaces", "", "", "", "", "", "listRegistrynamespaces", "registrynamespace:*")]
    [InlineData("get", "registry.tkestack.io", "repositories", "nginx", "library", "", "", "", "getRepository", "registrynamespace:library/repository:nginx")]
    [InlineData("get", "networking.k8s.io", "ingresses", "web", "demo", "", "", "cls-1", "getIngress", "cluster:cls-1/namespace:demo/ingress:web")]
    [InlineData("get", "platform.tkestack.io", "prometheuses", "p", "", "", "", "", "getPrometheuse", "prometheuse:p")]
    public void MapsLikeTkeStack(string verb, string group, string resource, string name, string ns, string subresource, string path, string cluster, string action, string expectedResource)
    {
        var mapped = ActionMapper.Map(new RequestAttributes
        {
            Verb = verb,
            ApiGroup = group,
            Resource = resource,
            Name = name,
            Namespace = ns,
            Subresource = subresource,
            Path = path,
            ClusterName = cluster,
        });

        Assert.Equal(new PolicyRequest(action, expectedResource), mapped);
    }

    [Fact]
    public void NonResourceRequestsKeepVerbAndPath()
    {
        var mapped = ActionMapper.Map(new RequestAttributes { Verb = "get", Resource = "/healthz", Path = "/healthz", IsResourceRequest = false });
        Assert.Equal(new PolicyRequest("get", "/healthz"), mapped);
        Assert.Equal(new PolicyRequest("get", "/metrics"), ActionMapper.Map(new RequestAttributes { Verb = "get", Resource = "/metrics", IsResourceRequest = false }));
    }

    [Theory]
    [InlineData("policies", "policy")]
    [InlineData("clusters", "cluster")]
    [InlineData("ingresses", "ingress")]
    [InlineData("storageclasses", "storageclass")]
    [InlineData("componentstatuses", "componentstatus")]
    [InlineData("namespaces", "namespace")]
    [InlineData("galaxies", "galaxy")]
    [InlineData("prometheuses", "prometheuse")]
    [InlineData("applies", "apply")]
    [InlineData("endpoints", "endpoint")]
    [InlineData("status", "status")]
    [InlineData("ingress", "ingress")]
    public void SingularsFollowInflect(string plural, string singular) => Assert.Equal(singular, EnglishSingular.Of(plural));
}
