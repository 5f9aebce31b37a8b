using System.CommandLine;
using System.Globalization;
using Tke.ApiServer.Components;
using Tke.ApiServer.Hosting;
using Tke.SimCluster;
using Tke.SimCluster.Controllers;
using Tke.SimCluster.Eviction;
using Tke.SimCluster.Simulation;

namespace Tke.Cli.Commands;

/// <summary>`tke sim-cluster`: a simulated Kubernetes cluster for tests and demos.</summary>
public static class SimClusterCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "HOST:PORT to serve HTTPS on (port 0 picks a free one).", DefaultValueFactory = _ => "127.0.0.1:6443" };
        var nodes = new Option<int>("--nodes") { Description = "Number of simulated nodes (sim-node-1..N).", DefaultValueFactory = _ => 3 };
        var dataDir = new Option<string>("--data-dir") { Description = "Directory for the store, PKI and admin.kubeconfig.", DefaultValueFactory = _ => "sim-data" };
        var noControllers = new Option<bool>("--no-controllers") { Description = "Run no scheduler, kubelet or workload controllers: objects stay exactly as written (for bulk-loading large clusters)." };

        var command = new Command(
            "sim-cluster",
            "Run a SIMULATED Kubernetes cluster for tests and demos: a Kubernetes-compatible API (core/v1, apps/v1, batch/v1, policy/v1 and pod eviction) "
            + "with simulated nodes, a scheduler and workload controllers (pods are marked Running; Job pods exit 0). No kubelet runs and no containers are started; /version's platform field and the node label "
            + $"{SimulatedClusterApi.SimulatedLabel}=true say so. Point kubectl at DATA-DIR/admin.kubeconfig.")
        {
            listen, nodes, dataDir, noControllers,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = new List<string>();
            if (!ServeCommand.TryParseListen(parse.GetValue(listen) ?? "", out var host, out var port))
            {
                errors.Add("--listen must be HOST:PORT with an IP address or localhost, e.g. 127.0.0.1:6443");
            }

            var nodeCount = parse.GetValue(nodes);
            if (nodeCount is < 0 or > 10_000)
            {
                errors.Add("--nodes must be between 0 and 10000");
            }

            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    await Console.Error.WriteLineAsync("tke sim-cluster: " + error);
                }

                return 2;
            }

            var options = new ApiServerOptions
            {
                DataDir = parse.GetValue(dataDir)!,
                ListenHost = host,
                ListenPort = port,
                PlatformLabel = SimulatedClusterApi.PlatformLabel,
            };
            // The scheduler lists every node and pod per pending pod: bulk loads of tens of thousands
            // of pre-bound pods run without the controllers.
            IServerComponent[] components = parse.GetValue(noControllers)
                ? [new SystemNamespaces(), new SimulatedNodes(nodeCount)]
                : [new SystemNamespaces(), new SimulatedNodes(nodeCount), new WorkloadControllers(), new PodEvictionComponent()];
            // Only the bootstrap admin token authenticates: the simulated cluster has no users of its own.
            await using var server = await ApiServerHost.StartAsync(
                options,
                SimulatedClusterApi.Groups(),
                components,
                cancellationToken);
            await Console.Out.WriteLineAsync($"tke sim-cluster (simulated, {nodeCount} nodes) is serving on {server.Address}; admin kubeconfig: {server.KubeconfigPath}");
            await server.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
