using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Controllers;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Tests.Controllers;

public sealed class RolloutPlanTests
{
    private static ReplicaSet Set(string name, int replicas, int available) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Spec = new ReplicaSetSpec { Replicas = replicas },
        Status = new ReplicaSetStatus { Replicas = replicas, AvailableReplicas = available },
    };

    [Fact]
    public void A_first_rollout_scales_the_new_set_straight_to_the_desired_count()
    {
        var plan = RolloutPlan.Rolling(3, maxSurge: 1, maxUnavailable: 0, Set("new", 0, 0), []);
        Assert.Equal(("new", 3), (plan.Single().Rs.Metadata.Name, plan.Single().Replicas));
    }

    [Fact]
    public void A_rolling_update_surges_first_and_removes_old_pods_only_as_new_ones_become_available()
    {
        var old = Set("old", 3, 3);
        var plan = RolloutPlan.Rolling(3, maxSurge: 1, maxUnavailable: 0, Set("new", 0, 0), [old]);
        Assert.Equal([1, 3], plan.Select(p => p.Replicas));

        plan = RolloutPlan.Rolling(3, maxSurge: 1, maxUnavailable: 0, Set("new", 1, 1), [old]);
        Assert.Equal([1, 2], plan.Select(p => p.Replicas));

        // A status that still reports more available pods than the set now has must not remove more.
        plan = RolloutPlan.Rolling(3, maxSurge: 1, maxUnavailable: 0, Set("new", 1, 1), [new ReplicaSet { Spec = new ReplicaSetSpec { Replicas = 2 }, Status = new ReplicaSetStatus { AvailableReplicas = 3 } }]);
        Assert.Equal([2, 2], plan.Select(p => p.Replicas));
    }

    [Fact]
    public void Recreate_waits_for_every_old_pod_to_go_before_scaling_the_new_set()
    {
        var plan = RolloutPlan.Recreate(3, Set("new", 0, 0), [Set("old", 3, 3)]);
        Assert.Equal([0, 0], plan.Select(p => p.Replicas));

        plan = RolloutPlan.Recreate(3, Set("new", 0, 0), [Set("old", 0, 0)]);
        Assert.Equal([0, 3], plan.Select(p => p.Replicas));
    }

    [Fact]
    public void The_template_hash_ignores_its_own_label_and_map_order_but_not_the_image()
    {
        PodTemplateSpec Template(string image, params (string Key, string Value)[] labels) => new()
        {
            Metadata = new ObjectMeta { Labels = labels.ToDictionary(l => l.Key, l => l.Value) },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = image }] },
        };

        var hash = TemplateHash.Of(Template("nginx:1.25", ("app", "web"), ("tier", "front")));
        Assert.Equal(hash, TemplateHash.Of(Template("nginx:1.25", ("tier", "front"), ("app", "web"), (TemplateHash.Label, hash))));
        Assert.NotEqual(hash, TemplateHash.Of(Template("nginx:1.26", ("app", "web"), ("tier", "front"))));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]+$", hash);
    }
}
