using System.CommandLine;

namespace Tke.Cli.Commands;

/// <summary>`tke node`: the nodes of a managed cluster, through the platform's cluster proxy.</summary>
public static class NodeCommand
{
    public static Command Create() => new("node", "List, cordon, drain, label and taint the nodes of a managed cluster.")
    {
        NodeListCommand.Create(),
        NodeCordonCommand.Create(cordon: true),
        NodeCordonCommand.Create(cordon: false),
        NodeDrainCommand.Create(),
        NodeLabelCommand.Create(),
        NodeTaintCommand.Create(),
    };
}

/// <summary>The options every node command takes: which cluster, and the platform kubeconfig.</summary>
public sealed class NodeTargetOptions
{
    public Option<string> Cluster { get; } = new("--cluster") { Description = "The cluster's name on the platform (cls-...).", Required = true };

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "kubeconfig of the platform (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Cluster);
        command.Options.Add(Kubeconfig);
    }

    public Tke.Kubernetes.Client.KubernetesClient Connect(ParseResult parse) =>
        Client.ProxiedCluster.Connect(Client.Kubeconfig.Load(Client.Kubeconfig.ResolvePath(parse.GetValue(Kubeconfig))), parse.GetValue(Cluster)!);
}
