using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis.Groups;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Apis.LocalGroups;
using Tke.Auth.Apis.PolicyBindings;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.Roles;
using Tke.Auth.Authorization;

namespace Tke.Auth.Server;

/// <summary>
/// Keeps the authorization snapshot level with the stored policies, roles, bindings, groups
/// and identity providers: it rebuilds the engine from a full read whenever any of them
/// changes (changes that arrive together are coalesced into one rebuild).
/// </summary>
public sealed class PolicySnapshotRefresher(AuthStores stores, AuthorizationSnapshot snapshot, ILogger logger)
{
    private static readonly string[] Watched = ["policies", "roles", "projectpolicybindings", "custompolicybindings", "localgroups", "groups", "identityproviders"];
    private readonly SemaphoreSlim _changed = new(0, 1);

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var inputs = new AuthorizationInputs
        {
            Policies = await AuthStores.ListAllAsync<Policy>(stores.For("policies"), cancellationToken),
            Roles = await AuthStores.ListAllAsync<Role>(stores.For("roles"), cancellationToken),
            ProjectPolicyBindings = await AuthStores.ListAllAsync<ProjectPolicyBinding>(stores.For("projectpolicybindings"), cancellationToken),
            CustomPolicyBindings = await AuthStores.ListAllAsync<CustomPolicyBinding>(stores.For("custompolicybindings"), cancellationToken),
            LocalGroups = await AuthStores.ListAllAsync<LocalGroup>(stores.For("localgroups"), cancellationToken),
            Groups = await AuthStores.ListAllAsync<Group>(stores.For("groups"), cancellationToken),
            IdentityProviders = await AuthStores.ListAllAsync<IdentityProvider>(stores.For("identityproviders"), cancellationToken),
        };
        snapshot.Replace(PolicyEngine.Build(inputs));
    }

    /// <summary>Watches the inputs from <paramref name="revision"/> on and rebuilds on change until cancelled.</summary>
    public Task RunAsync(long revision, CancellationToken cancellationToken)
    {
        foreach (var plural in Watched)
        {
            _ = WatchAsync(stores.For(plural), revision, cancellationToken);
        }

        return RebuildLoopAsync(cancellationToken);
    }

    private async Task WatchAsync(ResourceStore store, long revision, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in store.WatchAsync(null, new ListQuery(), revision, new WatchProgress(), cancellationToken))
                {
                    revision = e.Item.Revision;
                    Signal();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // Compacted or overflowed: start again from now, after a full rebuild.
                logger.LogWarning(e, "policy watch on {Resource} restarted", store.Kind.Plural);
                revision = store.Storage.CurrentRevision;
                Signal();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private void Signal()
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    private async Task RebuildLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _changed.WaitAsync(cancellationToken);
                await Task.Delay(50, cancellationToken); // let a burst of changes land before reading them
                try
                {
                    await RebuildAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "rebuilding the authorization snapshot failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
