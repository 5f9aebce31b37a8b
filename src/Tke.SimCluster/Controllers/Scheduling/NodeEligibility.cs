using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers.Scheduling;

/// <summary>Whether a pod may run on a node at all, regardless of room: the node is Ready and
/// schedulable, the pod's nodeSelector matches, and the pod tolerates the node's NoSchedule and
/// NoExecute taints. Returns why not, worded as kube-scheduler words it.</summary>
public static class NodeEligibility
{
    public static string? WhyNot(Node node, PodSpec pod, bool ignoreUnschedulable = false)
    {
        if (!IsReady(node))
        {
            return "node(s) were not ready";
        }

        if (node.Spec.Unschedulable == true && !ignoreUnschedulable)
        {
            return "node(s) were unschedulable";
        }

        var labels = node.Metadata.Labels ?? [];
        foreach (var (key, value) in pod.NodeSelector ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return "node(s) didn't match Pod's node affinity/selector";
            }
        }

        foreach (var taint in node.Spec.Taints ?? [])
        {
            if (taint.Effect is "NoSchedule" or "NoExecute" && !(pod.Tolerations ?? []).Any(t => Tolerates(t, taint)))
            {
                return $"node(s) had untolerated taint {{{taint.Key}: {taint.Value}}}";
            }
        }

        return null;
    }

    public static bool IsReady(Node node) =>
        node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect)
        {
            return false;
        }

        if (toleration.Operator == "Exists")
        {
            return string.IsNullOrEmpty(toleration.Key) || toleration.Key == taint.Key;
        }

        return toleration.Key == taint.Key && (toleration.Value ?? "") == (taint.Value ?? "");
    }
}
