using System.CommandLine;

namespace Tke.Cli.Commands;

/// <summary>`tke cluster`: the Kubernetes clusters the platform manages.</summary>
public static class ClusterCommand
{
    public static Command Create() => new("cluster", "Import and list clusters.")
    {
        ClusterImportCommand.Create(),
        ClusterListCommand.Create(),
    };
}
