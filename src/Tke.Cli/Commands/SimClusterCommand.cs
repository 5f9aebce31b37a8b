using System.CommandLine;
using System.Globalization;
using Tke.ApiServer.Components;
using Tke.ApiServer.Hosting;
using Tke.SimCluster;
using Tke.SimCluster.ApiExtensions;
using Tke.SimCluster.Controllers;
using Tke.SimCluster.Eviction;
using Tke.SimCluster.Rbac;
using Tke.SimCluster.Simulation;
using Tke.SimCluster.Streaming;

namespace Tke.Cli.Commands;

/// <summary>`tke sim-cluster`: a simulated Kubernetes cluster for tests and demos.</summary>
public static class SimClusterCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "HOST:PORT to serve HTTPS on (port 0 picks a free one).", DefaultValueFactory = _ => "127.0.0.1:6443" };
        var nodes = new Option<int>("--nodes") { Description = "Number of simulated nodes (sim-node-1..N).", DefaultValueFactory = _ => 3 };
        var dataDir = new Option<string>("--data-dir") { Description = "Directory for the store, PKI and admin.kubeconfig.", DefaultValueFactory = _ => "sim-data" };
        var authorizationMode = new Option<string>("--authorization-mode") { Description = "RBAC (enforce the cluster's roles and bindings; admin.kubeconfig is in system:masters) or AlwaysAllow.", DefaultValueFactory = _ => "RBAC" };
        var noControllers = new Option<bool>("--no-controllers") { Description = "Run no scheduler, kubelet or workload controllers: objects stay exactly as written (for bulk-loading large clusters)." };

        var command = new Command(
            "sim-cluster",
            "Run a SIMULATED Kubernetes cluster for tests and demos: a Kubernetes-compatible API (core/v1, apps/v1, batch/v1, policy/v1, pod eviction and RBAC) "
            + "with simulated nodes, a scheduler and workload controllers (pods are marked Running; Job pods exit 0). No kubelet runs and no containers are started; /version's platform field and the node label "
            + $"{SimulatedClusterApi.SimulatedLabel}=true say so. kubectl logs, exec, attach and port-forward work against simulated containers: logs are generated lines, exec runs a small "
            + "simulated shell (echo, cat, env, ls, sh -c ...), and a forwarded port that a container declares answers HTTP with a text naming the pod. Point kubectl at DATA-DIR/admin.kubeconfig.")
        {
            listen, nodes, dataDir, noControllers, authorizationMode,
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

            if (!AuthorizationModes.TryParse(parse.GetValue(authorizationMode), out var authorization))
            {
                errors.Add("--authorization-mode must be one of " + string.Join(", ", AuthorizationModes.Names));
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
                ? [new SystemNamespaces(), new SimulatedNodes(nodeCount), new CustomResourceComponent(), new PodStreamingComponent()]
                : [new SystemNamespaces(), new SimulatedNodes(nodeCount), new WorkloadControllers(), new PodEvictionComponent(), new CustomResourceComponent(), new PodStreamingComponent()];
            components = [.. components, new RbacComponent(authorization)];
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
