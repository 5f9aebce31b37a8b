using Tke.SimCluster.Rbac;
using Tke.SimCluster.Rbac.Bootstrap;
using static Tke.SimCluster.Tests.Rbac.RbacObjects;

namespace Tke.SimCluster.Tests.Rbac;

public sealed class ClusterRoleAggregationTests
{
    [Fact]
    public void An_aggregated_role_gets_the_rules_of_the_roles_its_selector_matches_without_duplicates()
    {
        var roles = new List<ClusterRole>
        {
            ClusterRole("monitoring").Aggregating("example.com/aggregate-to-monitoring"),
            ClusterRole("b-pods", Rule("get", "", "pods"), Rule("list", "", "pods")).Labeled("example.com/aggregate-to-monitoring"),
            ClusterRole("a-nodes", Rule("get", "", "nodes"), Rule("get", "", "pods")).Labeled("example.com/aggregate-to-monitoring"),
            ClusterRole("unlabeled", Rule("delete", "", "pods")),
        };

        var changes = ClusterRoleAggregation.Changes(roles);

        var rules = Assert.Single(changes).Value;
        Assert.Equal(["nodes", "pods", "pods"], rules.Select(r => r.Resources![0]));
        Assert.Equal(["get", "get", "list"], rules.Select(r => r.Verbs![0]));
    }

    [Fact]
    public void Aggregation_follows_chains_to_the_end_in_one_pass_as_admin_edit_and_view_do()
    {
        var changes = ClusterRoleAggregation.Changes([.. BootstrapPolicy.ClusterRoles()]);

        var view = changes["view"];
        var edit = changes["edit"];
        var admin = changes["admin"];
        Assert.Contains(view, r => r.Resources!.Contains("pods") && r.Verbs!.SequenceEqual(["get", "list", "watch"]));
        Assert.DoesNotContain(view, r => r.Resources!.Contains("secrets"));
        Assert.Contains(edit, r => r.Resources!.Contains("pods/eviction"));
        Assert.All(view, r => Assert.Contains(edit, e => e.SameAs(r)));
        Assert.All(edit, r => Assert.Contains(admin, a => a.SameAs(r)));
        Assert.Contains(admin, r => r.Resources!.Contains("rolebindings"));
        Assert.DoesNotContain(edit, r => r.Resources!.Contains("rolebindings"));
    }

    [Fact]
    public void Rules_already_aggregated_are_no_change_and_a_role_never_aggregates_itself()
    {
        var role = ClusterRole("self", Rule("get", "", "pods")).Aggregating("example.com/x").Labeled("example.com/x");
        var source = ClusterRole("source", Rule("get", "", "pods")).Labeled("example.com/x");

        Assert.Empty(ClusterRoleAggregation.Changes([role, source]));
        Assert.Empty(Assert.Single(ClusterRoleAggregation.Changes([role])).Value);
    }

    [Fact]
    public void Removing_the_label_of_a_source_removes_its_rules()
    {
        var aggregate = ClusterRole("aggregate", Rule("get", "", "pods")).Aggregating("example.com/x");
        var former = ClusterRole("former", Rule("get", "", "pods"));

        Assert.Empty(Assert.Single(ClusterRoleAggregation.Changes([aggregate, former])).Value);
    }
}
