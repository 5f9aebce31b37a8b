using System.Text.Json.Nodes;
using Tke.Kubernetes.Resources;

namespace Tke.Kubernetes.Tests.Resources;

public sealed class ViewTests
{
    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    [Fact]
    public void Node_view_reads_status_roles_taints_and_quantities()
    {
        var node = NodeView.From(Json("""
            {"apiVersion":"v1","kind":"Node",
             "metadata":{"name":"10.0.0.5","labels":{"node-role.kubernetes.io/master":"","node-role.kubernetes.io/control-plane":"","kubernetes.io/role":"etcd","zone":"a"},
                         "creationTimestamp":"2024-01-02T03:04:05Z"},
             "spec":{"unschedulable":true,"taints":[{"key":"node-role.kubernetes.io/master","effect":"NoSchedule"},{"key":"gpu","value":"true","effect":"NoExecute"}]},
             "status":{"capacity":{"cpu":"4","memory":"16Gi","pods":"110"},
                       "allocatable":{"cpu":"3900m","memory":"15780Mi","pods":110},
                       "conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True","reason":"KubeletReady","lastHeartbeatTime":"2024-01-02T03:05:00Z"}],
                       "addresses":[{"type":"Hostname","address":"node-5"},{"type":"InternalIP","address":"10.0.0.5"}],
                       "nodeInfo":{"kubeletVersion":"v1.30.2"}}}
            """));

        Assert.Equal("10.0.0.5", node.Name);
        Assert.True(node.Ready);
        Assert.True(node.Unschedulable);
        Assert.Equal(["control-plane", "etcd", "master"], node.Roles);
        Assert.Equal(2, node.Taints.Count);
        Assert.Equal(new NodeTaint("gpu", "true", "NoExecute"), node.Taints[1]);
        Assert.Equal(4000, node.Capacity["cpu"].MilliValue);
        Assert.Equal(16L << 30, node.Capacity["memory"].IntegerValue);
        Assert.Equal(3900, node.Allocatable["cpu"].MilliValue);
        Assert.Equal(110, node.Allocatable["pods"].IntegerValue);
        Assert.Equal("10.0.0.5", node.InternalIP);
        Assert.Equal("v1.30.2", node.KubeletVersion);
        Assert.Equal("KubeletReady", node.Conditions.Single(c => c.Type == "Ready").Reason);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), node.Metadata.CreationTimestamp);
    }

    [Fact]
    public void A_node_that_never_reported_is_not_ready()
    {
        var node = NodeView.From(Json("""{"metadata":{"name":"n"}}"""));
        Assert.False(node.Ready);
        Assert.Empty(node.Roles);
        Assert.Empty(node.Capacity);
        Assert.False(node.Unschedulable);
    }

    [Fact]
    public void Pod_view_knows_daemonset_and_mirror_pods()
    {
        var pod = PodView.From(Json("""
            {"metadata":{"name":"fluentd-x","namespace":"kube-system",
                         "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"fluentd","uid":"u1","controller":true}]},
             "spec":{"nodeName":"n1"},"status":{"phase":"Running"}}
            """));
        Assert.Equal("Running", pod.Phase);
        Assert.Equal("n1", pod.NodeName);
        Assert.True(pod.OwnedByDaemonSet);
        Assert.False(pod.IsMirrorPod);
        Assert.False(pod.Finished);

        var mirror = PodView.From(Json("""{"metadata":{"name":"etcd-n1","annotations":{"kubernetes.io/config.mirror":"abc"}}}"""));
        Assert.True(mirror.IsMirrorPod);
        Assert.Equal("Pending", mirror.Phase);
    }

    [Fact]
    public void Namespace_quota_and_event_views()
    {
        var ns = NamespaceView.From(Json("""{"metadata":{"name":"a","deletionTimestamp":"2024-01-01T00:00:00Z"},"status":{"phase":"Terminating"}}"""));
        Assert.True(ns.Terminating);

        var quota = ResourceQuotaView.From(Json("""
            {"metadata":{"name":"q","namespace":"a"},"spec":{"hard":{"requests.cpu":"2","requests.memory":"4Gi"}},"status":{"used":{"requests.cpu":"500m"}}}
            """));
        Assert.Equal(2000, quota.Hard["requests.cpu"].MilliValue);
        Assert.Equal(500, quota.Used["requests.cpu"].MilliValue);

        var evt = EventView.From(Json("""
            {"metadata":{"name":"e","namespace":"a"},"involvedObject":{"kind":"Pod","name":"p","namespace":"a"},
             "type":"Warning","reason":"BackOff","message":"restarting","count":7,"source":{"component":"kubelet"},
             "lastTimestamp":"2024-01-01T00:01:00Z"}
            """));
        Assert.True(evt.IsWarning);
        Assert.Equal(7, evt.Count);
        Assert.Equal("kubelet", evt.Source);
        Assert.Equal(new InvolvedObject("Pod", "p", "a", null), evt.InvolvedObject);
    }
}
