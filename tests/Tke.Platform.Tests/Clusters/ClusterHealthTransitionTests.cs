using Tke.Platform.Apis.Clusters;
using Tke.Platform.Apis.Shared;
using Tke.Platform.Clusters;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Tests.Clusters;

public sealed class ClusterHealthTransitionTests
{
    private const int Threshold = 3;
    private readonly ManualTimeProvider _clock = new();

    private static ClusterProbeResult Healthy => new()
    {
        GitVersion = "v1.30.0",
        NodeCount = 3,
        ReadyNodes = 2,
        Capacity = new ResourceList { ["cpu"] = "24" },
        Allocatable = new ResourceList { ["cpu"] = "23" },
    };

    private static ClusterProbeResult Refused => ClusterProbeResult.Failed(ProbeFailureKind.Unreachable, "cannot reach https://10.0.0.1:6443: connection refused");

    [Fact]
    public void A_first_success_makes_a_new_cluster_Running_with_version_capacity_and_node_counts()
    {
        var status = ClusterHealthTransition.Apply(new ClusterStatus(), Healthy, 0, Threshold, _clock.GetUtcNow());

        Assert.Equal(ClusterPhases.Running, status.Phase);
        Assert.Equal("v1.30.0", status.Version);
        Assert.Equal((3, 2), (status.NodeCount, status.ReadyNodeCount));
        Assert.Equal("24", status.Resource!.Capacity!["cpu"]);
        Assert.Equal("23", status.Resource.Allocatable!["cpu"]);
        var condition = Assert.Single(status.Conditions!);
        Assert.Equal((ClusterHealthTransition.HealthCheckCondition, ConditionStatus.True, "Healthy"), (condition.Type, condition.Status, condition.Reason));
        Assert.Contains("3 nodes, 2 ready", condition.Message, StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow(), condition.LastProbeTime);
        Assert.Equal(_clock.GetUtcNow(), condition.LastTransitionTime);
    }

    [Fact]
    public void A_new_cluster_that_cannot_be_reached_is_Initializing_until_the_threshold()
    {
        var status = ClusterHealthTransition.Apply(new ClusterStatus(), Refused, 1, Threshold, _clock.GetUtcNow());

        Assert.Equal(ClusterPhases.Initializing, status.Phase);
        var condition = Assert.Single(status.Conditions!);
        Assert.Equal((ConditionStatus.False, "Unreachable"), (condition.Status, condition.Reason));
        Assert.Contains("connection refused", condition.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_goes_Failed_after_the_threshold_and_back_to_Running_on_recovery()
    {
        var status = ClusterHealthTransition.Apply(new ClusterStatus(), Healthy, 0, Threshold, _clock.GetUtcNow());
        var healthySince = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromSeconds(10));
        ClusterHealthTransition.Apply(status, Healthy, 0, Threshold, _clock.GetUtcNow());
        Assert.Equal(healthySince, status.Conditions![0].LastTransitionTime);
        Assert.Equal(_clock.GetUtcNow(), status.Conditions[0].LastProbeTime);

        for (var failures = 1; failures < Threshold; failures++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            ClusterHealthTransition.Apply(status, Refused, failures, Threshold, _clock.GetUtcNow());
            Assert.Equal(ClusterPhases.Running, status.Phase);
            Assert.Equal(ConditionStatus.False, status.Conditions[0].Status);
        }

        var failingSince = healthySince.AddSeconds(20);
        Assert.Equal(failingSince, status.Conditions[0].LastTransitionTime);

        _clock.Advance(TimeSpan.FromSeconds(10));
        ClusterHealthTransition.Apply(status, Refused, Threshold, Threshold, _clock.GetUtcNow());
        Assert.Equal(ClusterPhases.Failed, status.Phase);
        Assert.Equal("Unreachable", status.Reason);
        Assert.Contains("connection refused", status.Message, StringComparison.Ordinal);
        Assert.Equal(failingSince, status.Conditions[0].LastTransitionTime);

        _clock.Advance(TimeSpan.FromSeconds(10));
        ClusterHealthTransition.Apply(status, Healthy, 0, Threshold, _clock.GetUtcNow());
        Assert.Equal(ClusterPhases.Running, status.Phase);
        Assert.Null(status.Reason);
        Assert.Null(status.Message);
        Assert.Equal(_clock.GetUtcNow(), status.Conditions[0].LastTransitionTime);
        Assert.Single(status.Conditions);
    }

    [Fact]
    public void A_Failed_cluster_stays_Failed_while_probes_keep_failing_even_after_a_restart_reset_the_count()
    {
        var status = new ClusterStatus { Phase = ClusterPhases.Failed };
        ClusterHealthTransition.Apply(status, Refused, 1, Threshold, _clock.GetUtcNow());
        Assert.Equal(ClusterPhases.Failed, status.Phase);
    }

    [Fact]
    public void Phases_owned_by_other_controllers_are_left_alone()
    {
        var status = new ClusterStatus { Phase = ClusterPhases.Upgrading };
        ClusterHealthTransition.Apply(status, Refused, Threshold + 1, Threshold, _clock.GetUtcNow());
        Assert.Equal(ClusterPhases.Upgrading, status.Phase);
        Assert.Equal(ConditionStatus.False, status.Conditions![0].Status);
    }

    [Fact]
    public void Other_conditions_are_kept()
    {
        var status = new ClusterStatus { Conditions = [new Condition { Type = "EnsureKubeadm", Status = ConditionStatus.True }] };
        ClusterHealthTransition.Apply(status, Healthy, 0, Threshold, _clock.GetUtcNow());
        Assert.Equal(["EnsureKubeadm", ClusterHealthTransition.HealthCheckCondition], status.Conditions!.Select(c => c.Type));
    }

    [Fact]
    public void Deletion_makes_the_cluster_Terminating()
    {
        var status = ClusterHealthTransition.MarkTerminating(new ClusterStatus { Phase = ClusterPhases.Running });
        Assert.Equal(ClusterPhases.Terminating, status.Phase);
    }
}
