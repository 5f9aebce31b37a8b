using Tke.Auth.Authorization;

namespace Tke.Auth.Tests.Authorization;

public sealed class WildcardPatternTests
{
    [Theory]
    [InlineData("*", "getCluster", true)]
    [InlineData("*", "", true)]
    [InlineData("**", "anything/at:all", true)]
    [InlineData("getCluster", "getCluster", true)]
    [InlineData("getCluster", "getclusters", false)]
    [InlineData("getcluster", "GETCLUSTER", true)] // case-insensitive, as TKEStack lower-cases both sides
    [InlineData("get*", "getCluster", true)]
    [InlineData("get*", "get", true)]
    [InlineData("get*", "listClusters", false)]
    [InlineData("get*", "forget", false)]
    [InlineData("*Deployment*", "listDeploymentPods", true)]
    [InlineData("*Deployment*", "createdeployment", true)]
    [InlineData("*Deployment*", "Deployment", true)]
    [InlineData("*Deployment*", "listDaemonsets", false)]
    [InlineData("*Clusters", "listClusters", true)]
    [InlineData("*Clusters", "listClustersX", false)]
    [InlineData("list*s", "listClusters", true)]
    [InlineData("list*s", "lists", true)]
    [InlineData("list*s", "list", false)]
    [InlineData("get*Pod*Log", "getPodLog", true)]
    [InlineData("get*Pod*Log", "getDeploymentPodsLog", true)]
    [InlineData("get*Pod*Log", "getPodStatus", false)]
    [InlineData("a*b*b", "ab", false)]
    [InlineData("a*b*b", "abb", true)]
    [InlineData("get.*", "getX", false)] // '.' is literal, not a regular expression
    public void Actions(string pattern, string action, bool expected) =>
        Assert.Equal(expected, WildcardPattern.Compile(pattern).IsMatch(action));

    [Theory]
    [InlineData("*", "cluster:cls-1/namespace:demo/deployment:web", true)]
    [InlineData("cluster:cls-123/deployment:deploy-123/*", "cluster:cls-123/deployment:deploy-123/pod:p-1", true)]
    [InlineData("cluster:cls-123/deployment:deploy-123/*", "cluster:cls-123/deployment:deploy-123/pod:p-1/container:c", true)]
    [InlineData("cluster:cls-123/deployment:deploy-123/*", "cluster:cls-123/deployment:deploy-123", false)] // '/*' means below, not itself
    [InlineData("cluster:cls-123/deployment:deploy-123/*", "cluster:cls-123/deployment:deploy-1234/pod:p", false)]
    [InlineData("cluster:cls-123/deployment:deploy-123/*", "cluster:cls-124/deployment:deploy-123/pod:p", false)]
    [InlineData("cluster:*", "cluster:cls-1", true)]
    [InlineData("cluster:*", "cluster:cls-1/namespace:ns/deployment:web", true)] // '*' crosses '/' as in TKEStack
    [InlineData("cluster:*", "project:prj-1", false)]
    [InlineData("cluster:cls-1/*", "cluster:cls-1/namespace:ns", true)]
    [InlineData("cluster:cls-1/*", "cluster:cls-10/namespace:ns", false)]
    [InlineData("cluster:*/namespace:demo/*", "cluster:cls-9/namespace:demo/deployment:web", true)]
    [InlineData("cluster:*/namespace:demo/*", "cluster:cls-9/namespace:prod/deployment:web", false)]
    [InlineData("cluster:cls-1/namespace:*/deployment:*", "cluster:cls-1/namespace:a/deployment:b", true)]
    [InlineData("Cluster:CLS-1", "cluster:cls-1", true)]
    [InlineData("registrynamespace:ns/*", "registrynamespace:ns/repository:nginx", true)]
    public void Resources(string pattern, string resource, bool expected) =>
        Assert.Equal(expected, WildcardPattern.Compile(pattern).IsMatch(resource));

    [Fact]
    public void MatchesEverythingOnlyForStarPatterns()
    {
        Assert.True(WildcardPattern.Compile("*").MatchesEverything);
        Assert.True(WildcardPattern.Compile("***").MatchesEverything);
        Assert.False(WildcardPattern.Compile("*a*").MatchesEverything);
    }
}
