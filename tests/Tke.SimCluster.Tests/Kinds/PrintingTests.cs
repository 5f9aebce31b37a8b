using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Apps;
using Tke.SimCluster.Core;
using Tke.SimCluster.Simulation;

namespace Tke.SimCluster.Tests.Kinds;

public class PrintingTests
{
    private static Dictionary<string, object?> Cells(KindDefinition kind, ApiObject obj) =>
        kind.Columns.Where(c => c.Priority == 0).ToDictionary(c => c.Name, c => c.Cell(obj));

    [Fact]
    public void Node_prints_status_roles_and_version_like_kubectl()
    {
        var node = SimulatedNodes.NewNode(1, DateTimeOffset.UtcNow);
        node.Metadata.Labels!["node-role.kubernetes.io/control-plane"] = "";
        node.Spec.Unschedulable = true;
        var cells = Cells(new NodeKind(), node);
        Assert.Equal(["Status", "Roles", "Version"], cells.Keys);
        Assert.Equal("Ready,SchedulingDisabled", cells["Status"]);
        Assert.Equal("control-plane", cells["Roles"]);
        Assert.Equal("v1.30.0-sim", cells["Version"]);
    }

    [Fact]
    public void Pod_prints_ready_status_and_restarts_like_kubectl()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p" },
            Spec = new PodSpec { Containers = [new Container { Name = "a", Image = "x" }, new Container { Name = "b", Image = "y" }] },
            Status = new PodStatus
            {
                Phase = "Running",
                ContainerStatuses = [new ContainerStatus { Name = "a", Ready = true, RestartCount = 2 }, new ContainerStatus { Name = "b", Ready = false, RestartCount = 1 }],
            },
        };
        var cells = Cells(new PodKind(), pod);
        Assert.Equal(["Ready", "Status", "Restarts"], cells.Keys);
        Assert.Equal("1/2", cells["Ready"]);
        Assert.Equal("Running", cells["Status"]);
        Assert.Equal(3, cells["Restarts"]);
    }

    [Fact]
    public void Deployment_prints_ready_up_to_date_and_available_like_kubectl()
    {
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "d" },
            Spec = new DeploymentSpec { Replicas = 3 },
            Status = new DeploymentStatus { ReadyReplicas = 2, UpdatedReplicas = 3, AvailableReplicas = 2 },
        };
        var cells = Cells(new DeploymentKind(), deployment);
        Assert.Equal(["Ready", "Up-to-date", "Available"], cells.Keys);
        Assert.Equal("2/3", cells["Ready"]);
        Assert.Equal(3, cells["Up-to-date"]);
        Assert.Equal(2, cells["Available"]);
    }

    [Fact]
    public void Simulated_node_says_it_is_simulated_and_has_the_promised_capacity()
    {
        var node = SimulatedNodes.NewNode(2, DateTimeOffset.UtcNow);
        Assert.Equal("sim-node-2", node.Metadata.Name);
        Assert.Equal("true", node.Metadata.Labels![SimulatedClusterApi.SimulatedLabel]);
        Assert.Equal("8", node.Status!.Capacity!["cpu"]);
        Assert.Equal("32Gi", node.Status.Capacity["memory"]);
        Assert.Equal("110", node.Status.Capacity["pods"]);
        Assert.True(NodeKind.IsReady(node));
    }
}
