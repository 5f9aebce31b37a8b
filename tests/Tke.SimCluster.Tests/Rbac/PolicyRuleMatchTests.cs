using Tke.SimCluster.Rbac.Authorization;
using static Tke.SimCluster.Tests.Rbac.RbacObjects;

namespace Tke.SimCluster.Tests.Rbac;

public sealed class PolicyRuleMatchTests
{
    private static AccessRequest Pods(string verb, string? subresource = null, string? name = null) =>
        AccessRequest.ForResource(verb, "", "pods", subresource, "default", name);

    [Fact]
    public void A_rule_allows_only_its_verbs_groups_and_resources()
    {
        var rule = Rule("get,list", "", "pods");

        Assert.True(PolicyRuleMatch.Allows(rule, Pods("list")));
        Assert.True(PolicyRuleMatch.Allows(rule, Pods("get", name: "web")));
        Assert.False(PolicyRuleMatch.Allows(rule, Pods("delete", name: "web")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("list", "apps", "pods", ns: "default")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("list", "", "services", ns: "default")));
    }

    [Fact]
    public void Stars_match_every_verb_group_and_resource_including_subresources()
    {
        var rule = Rule("*", "*", "*");

        Assert.True(PolicyRuleMatch.Allows(rule, Pods("deletecollection")));
        Assert.True(PolicyRuleMatch.Allows(rule, Pods("create", "eviction", "web")));
        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("impersonate", "rbac.authorization.k8s.io", "clusterroles")));
    }

    [Fact]
    public void A_resource_does_not_cover_its_subresources_nor_a_subresource_its_resource()
    {
        Assert.False(PolicyRuleMatch.Allows(Rule("get", "", "pods"), Pods("get", "log", "web")));
        Assert.True(PolicyRuleMatch.Allows(Rule("get", "", "pods/log"), Pods("get", "log", "web")));
        Assert.False(PolicyRuleMatch.Allows(Rule("get", "", "pods/log"), Pods("get", name: "web")));
        Assert.False(PolicyRuleMatch.Allows(Rule("get", "", "pods/log"), Pods("get", "status", "web")));
    }

    [Fact]
    public void Star_slash_subresource_matches_that_subresource_of_any_resource()
    {
        var rule = Rule("update", "apps", "*/scale");

        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("update", "apps", "deployments", "scale", "default", "web")));
        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("update", "apps", "statefulsets", "scale", "default", "db")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("update", "apps", "deployments", null, "default", "web")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("update", "apps", "deployments", "status", "default", "web")));
    }

    [Fact]
    public void ResourceNames_limit_a_rule_to_those_objects_so_a_list_is_not_allowed()
    {
        var rule = Rule("get,list,update", "", "configmaps", "settings");

        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("get", "", "configmaps", null, "default", "settings")));
        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("update", "", "configmaps", null, "default", "settings")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("get", "", "configmaps", null, "default", "other")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForResource("list", "", "configmaps", null, "default")));
    }

    [Fact]
    public void Non_resource_urls_match_exactly_or_by_a_trailing_star_prefix()
    {
        var rule = UrlRule("get", "/version", "/apis/*");

        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForPath("get", "/version")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForPath("get", "/version/extra")));
        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForPath("get", "/apis/apps/v1")));
        Assert.True(PolicyRuleMatch.Allows(rule, AccessRequest.ForPath("get", "/apis/")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForPath("get", "/apis")));
        Assert.False(PolicyRuleMatch.Allows(rule, AccessRequest.ForPath("post", "/version")));
        Assert.True(PolicyRuleMatch.Allows(UrlRule("*", "*"), AccessRequest.ForPath("delete", "/anything")));
    }

    [Fact]
    public void Resource_rules_never_match_paths_and_url_rules_never_match_resources()
    {
        Assert.False(PolicyRuleMatch.Allows(Rule("*", "*", "*"), AccessRequest.ForPath("get", "/version")));
        Assert.False(PolicyRuleMatch.Allows(UrlRule("*", "*"), Pods("list")));
    }
}
