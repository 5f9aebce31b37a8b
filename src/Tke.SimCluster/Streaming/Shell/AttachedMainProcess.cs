using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Streaming.Shell;

/// <summary>
/// What `kubectl attach` joins: the simulated container's main process, which echoes its stdin
/// back to stdout until the input ends (or Ctrl-C on a terminal). Without stdin it has nothing
/// to say and stays attached until the client detaches or the pod goes away.
/// </summary>
public sealed class AttachedMainProcess(SimulatedContainer container)
{
    public string Banner =>
        $"attached to the simulated main process of container {container.Name} in pod {container.Namespace}/{container.PodName}: no process runs in a simulated cluster; input is echoed back\n";

    /// <returns>The exit code the process reports when its input ends.</returns>
    public async Task<int> RunAsync(ShellIo io, bool hasStdin, CancellationToken cancellationToken)
    {
        // The banner goes where it does not mix with echoed data when the client keeps them apart.
        if (!io.Tty && io.Stderr != Stream.Null)
        {
            await io.ErrAsync(Banner, cancellationToken);
        }
        else
        {
            await io.OutAsync(Banner, cancellationToken);
        }

        if (!hasStdin)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return await SimulatedPrograms.CopyInputAsync(io, cancellationToken) ? 0 : 130;
    }
}
