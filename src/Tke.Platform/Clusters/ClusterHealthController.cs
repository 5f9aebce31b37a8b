using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Store;
using Tke.Kubernetes.Client;
using Tke.Platform.Apis.ClusterCredentials;
using Tke.Platform.Apis.Clusters;

namespace Tke.Platform.Clusters;

/// <summary>
/// Probes every cluster and writes what it finds through the status subresource. Probes run
/// concurrently up to <see cref="ClusterHealthOptions.MaxConcurrentProbes"/>, each under its own
/// timeout, so a slow or dead cluster only ever holds its own slot. New clusters are seen through
/// a watch and probed at once.
/// </summary>
public sealed class ClusterHealthController : IDisposable
{
    private readonly ClusterStores _stores;
    private readonly ClusterCredentialResolver _credentials;
    private readonly ClusterHealthOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ClusterProbeSchedule _schedule;
    private readonly ClusterClientCache _clients;
    private readonly StoreMirror<Cluster> _clusters;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly ClusterDependents? _dependents;
    private CancellationToken _cancellation;

    public ClusterHealthController(ClusterStores stores, ClusterHealthOptions options, TimeProvider clock, ILogger logger, ClusterDependents? dependents = null)
    {
        _stores = stores;
        _dependents = dependents;
        _clusters = new StoreMirror<Cluster>(stores.Clusters, clock, logger, Observe, Removed);
        _credentials = new ClusterCredentialResolver(stores.Credentials);
        _options = options;
        _clock = clock;
        _logger = logger;
        _schedule = new ClusterProbeSchedule(options, clock);
        _slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrentProbes));
        _clients = new ClusterClientCache(new KubernetesClientOptions { ConnectTimeout = options.ProbeTimeout, RequestTimeout = options.ProbeTimeout });
    }

    /// <summary>Every cluster as last seen by the controller's watch.</summary>
    public StoreMirror<Cluster> Clusters => _clusters;

    /// <summary>Reads every cluster, then keeps probing and watching in the background until cancelled.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _cancellation = cancellationToken;
        await _clusters.StartAsync(cancellationToken);
        _ = ScheduleLoopAsync(cancellationToken);
    }

    /// <summary>Closes the clusters' connections. The semaphores stay: probes finishing during shutdown still release them.</summary>
    public void Dispose() => _clients.Dispose();

    private void Removed(Cluster cluster)
    {
        var name = cluster.Metadata.Name!;
        _schedule.Forget(name);
        _clients.Remove(name);
        if (_dependents is not null)
        {
            _ = _dependents.RemoveAsync(cluster, _cancellation);
        }
    }

    private void Observe(Cluster? previous, Cluster cluster)
    {
        var name = cluster.Metadata.Name!;
        if (cluster.Metadata.DeletionTimestamp is not null)
        {
            _schedule.Forget(name);
            _clients.Remove(name);
            if (cluster.Status?.Phase != ClusterPhases.Terminating)
            {
                _ = MarkTerminatingAsync(name);
            }

            return;
        }

        if (_schedule.Track(name))
        {
            Wake();
        }
        else if (previous is not null && ClusterConnectionFactory.ConnectionChanged(previous, cluster))
        {
            _schedule.ProbeSoon(name);
            Wake();
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    private async Task ScheduleLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var name in _schedule.TakeDue())
                {
                    _ = ProbeAsync(name, cancellationToken);
                }

                var next = _schedule.NextDue();
                var delay = next is { } due ? Max(due - _clock.GetUtcNow(), TimeSpan.Zero) : Timeout.InfiniteTimeSpan;
                using var timer = new CancellationTokenSource(delay, _clock);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                try
                {
                    await _wake.WaitAsync(either.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // the next probe is due
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private async Task ProbeAsync(string name, CancellationToken cancellationToken)
    {
        var succeeded = false;
        ClusterProbeResult? result = null;
        try
        {
            await _slots.WaitAsync(cancellationToken);
            try
            {
                if (_clusters.Find(name) is not { } cluster || cluster.Metadata.DeletionTimestamp is not null)
                {
                    return;
                }

                if (ClusterConnectionFactory.PreferredAddress(cluster) is null)
                {
                    // Not reachable yet (a bare-metal cluster still being installed): nothing to report.
                    succeeded = true;
                    return;
                }

                (result, var credential) = await ProbeClusterAsync(cluster, cancellationToken);
                succeeded = result.Succeeded;
                var failures = _schedule.Complete(name, succeeded);
                await WriteStatusAsync(name, result, failures, cancellationToken);
                if (succeeded && credential is not null && string.IsNullOrEmpty(credential.ClusterName))
                {
                    await LinkCredentialAsync(credential, name, cancellationToken);
                }
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            _logger.LogError(e, "health check of cluster {Cluster} failed", name);
        }
        finally
        {
            if (result is null && !cancellationToken.IsCancellationRequested)
            {
                _schedule.Complete(name, succeeded);
            }

            Wake();
        }
    }

    private async Task<(ClusterProbeResult Result, ClusterCredential? Credential)> ProbeClusterAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        var credential = await _credentials.FindAsync(cluster, cancellationToken);
        if (credential is null)
        {
            var reference = cluster.Spec.ClusterCredentialRef?.Name;
            return (ClusterProbeResult.Failed(ProbeFailureKind.BadCredential, reference is null
                ? "the cluster has no ClusterCredential"
                : $"ClusterCredential \"{reference}\" not found"), null);
        }

        KubernetesClient client;
        try
        {
            client = _clients.For(cluster, credential);
        }
        catch (ArgumentException e)
        {
            return (ClusterProbeResult.Failed(ProbeFailureKind.BadCredential, e.Message), credential);
        }

        return (await ClusterProber.ProbeAsync(client, _options.ProbeTimeout, cancellationToken), credential);
    }

    private async Task WriteStatusAsync(string name, ClusterProbeResult result, int failures, CancellationToken cancellationToken)
    {
        await UpdateStatusAsync(name, status =>
        {
            var before = status.Phase;
            ClusterHealthTransition.Apply(status, result, failures, _options.FailureThreshold, _clock.GetUtcNow());
            if (before != status.Phase)
            {
                _logger.LogInformation("cluster {Cluster} is {Phase} (was {Previous}): {Message}", name, status.Phase, before ?? "new", result.Message ?? "healthy");
            }
        }, cancellationToken);
    }

    private async Task MarkTerminatingAsync(string name)
    {
        try
        {
            await UpdateStatusAsync(name, status => ClusterHealthTransition.MarkTerminating(status), CancellationToken.None, allowDeleting: true);
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "marking cluster {Cluster} Terminating failed", name);
        }
    }

    /// <summary>Read, change, write the status; a conflicting write in between is retried on the fresh object.</summary>
    private async Task UpdateStatusAsync(string name, Action<ClusterStatus> change, CancellationToken cancellationToken, bool allowDeleting = false)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Cluster cluster;
            try
            {
                cluster = (Cluster)(await _stores.Clusters.GetAsync(null, name, cancellationToken)).DecodeCopy();
            }
            catch (StatusError e) when (e.Code == 404)
            {
                return;
            }

            if (cluster.Metadata.DeletionTimestamp is not null && !allowDeleting)
            {
                return;
            }

            cluster.Status ??= new ClusterStatus();
            change(cluster.Status);
            var body = JsonSerializer.SerializeToNode(cluster, ApiJson.Options);
            try
            {
                await _stores.Clusters.UpdateAsync(null, name, body, "status", ClusterStores.AsSystem(), cancellationToken);
                return;
            }
            catch (StatusError e) when (e.Code == 409)
            {
                // Someone wrote in between: apply the change to the fresh object.
            }
            catch (StatusError e) when (e.Code == 404)
            {
                return;
            }
        }
    }

    /// <summary>TKEStack links a credential to its cluster once the cluster exists (ClusterCredential.clusterName).</summary>
    private async Task LinkCredentialAsync(ClusterCredential credential, string clusterName, CancellationToken cancellationToken)
    {
        try
        {
            var current = (ClusterCredential)(await _stores.Credentials.GetAsync(null, credential.Metadata.Name!, cancellationToken)).DecodeCopy();
            if (!string.IsNullOrEmpty(current.ClusterName))
            {
                return;
            }

            current.ClusterName = clusterName;
            await _stores.Credentials.UpdateAsync(null, current.Metadata.Name!, JsonSerializer.SerializeToNode(current, ApiJson.Options), null, ClusterStores.AsSystem(), cancellationToken);
        }
        catch (StatusError e) when (e.Code is 404 or 409)
        {
            // Deleted or changed meanwhile; the next successful probe tries again.
        }
    }
}
