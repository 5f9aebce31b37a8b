using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Controllers.Scheduling;
using Tke.SimCluster.Core;
using Tke.SimCluster.Simulation;

namespace Tke.SimCluster.Tests.Controllers;

public sealed class SchedulingRulesTests
{
    [Theory]
    [InlineData("500m", 0.5)]
    [InlineData("2", 2)]
    [InlineData("1.5", 1.5)]
    [InlineData("64Mi", 67108864)]
    [InlineData("1Gi", 1073741824)]
    [InlineData("128M", 128000000)]
    [InlineData("1e3", 1000)]
    [InlineData("", 0)]
    [InlineData("lots", 0)]
    public void Quantities_parse_as_Kubernetes_reads_them(string text, double expected) =>
        Assert.Equal((decimal)expected, ResourceAmount.Of(text));

    [Fact]
    public void Pod_requests_sum_containers_and_fall_back_to_limits()
    {
        var spec = new PodSpec
        {
            Containers =
            [
                new Container { Name = "a", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "250m", ["memory"] = "64Mi" } } },
                new Container { Name = "b", Resources = new ResourceRequirements { Limits = new() { ["cpu"] = "1" } } },
            ],
            InitContainers = [new Container { Name = "init", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "2" } } }],
        };
        var asks = PodResources.Of(spec);
        Assert.Equal(2m, asks.Cpu); // the init container needs more than the apps together
        Assert.Equal(64m * 1024 * 1024, asks.Memory);
    }

    [Fact]
    public void A_node_is_ineligible_when_cordoned_tainted_or_not_selected()
    {
        var node = SimulatedNodes.NewNode(1, DateTimeOffset.UtcNow);
        var pod = new PodSpec { Containers = [new Container { Name = "c" }] };
        Assert.Null(NodeEligibility.WhyNot(node, pod));

        pod.NodeSelector = new() { ["disk"] = "ssd" };
        Assert.Contains("selector", NodeEligibility.WhyNot(node, pod));
        pod.NodeSelector = new() { ["kubernetes.io/hostname"] = "sim-node-1" };
        Assert.Null(NodeEligibility.WhyNot(node, pod));

        node.Spec.Taints = [new Taint { Key = "dedicated", Value = "gpu", Effect = "NoSchedule" }];
        Assert.Contains("untolerated taint", NodeEligibility.WhyNot(node, pod));
        pod.Tolerations = [new Toleration { Key = "dedicated", Operator = "Equal", Value = "gpu", Effect = "NoSchedule" }];
        Assert.Null(NodeEligibility.WhyNot(node, pod));
        pod.Tolerations = [new Toleration { Operator = "Exists" }];
        Assert.Null(NodeEligibility.WhyNot(node, pod));

        node.Spec.Unschedulable = true;
        Assert.Contains("unschedulable", NodeEligibility.WhyNot(node, pod));
        Assert.Null(NodeEligibility.WhyNot(node, pod, ignoreUnschedulable: true));

        node.Status!.Conditions!.Single(c => c.Type == "Ready").Status = "False";
        Assert.Contains("not ready", NodeEligibility.WhyNot(node, pod, ignoreUnschedulable: true));
    }
}
