using System.Text.Json;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Charts;

namespace Tke.Registry.Charts;

/// <summary>
/// The API side of chart repositories: finds ChartGroups, and keeps the Chart objects (one per
/// chart name, its versions and pull count in status) and ChartGroup status.chartCount in step
/// with what is stored and downloaded. Writes go through the kinds' stores as the registry's own controller identity.
/// </summary>
public sealed class ChartObjects(ApiSurface surface, KindCatalog catalog)
{
    private const int MaxConflictRetries = 8;

    /// <summary>The identity the registry writes Chart and ChartGroup status as, across tenants.</summary>
    public static RequestUser System { get; } = new("system:tke-registry-controller", [RequestUser.AllTenantsGroup], "default");

    public ResourceStore ChartGroups { get; } = For(surface, catalog, "chartgroups");

    public ResourceStore Charts { get; } = For(surface, catalog, "charts");

    public static WriteContext AsSystem() => new(System) { FieldValidation = FieldValidationMode.Strict };

    /// <summary>The chart group of <paramref name="tenant"/> whose spec.name is <paramref name="name"/>, if any.</summary>
    public async ValueTask<ChartGroup?> FindGroupAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        var page = await ChartGroups.ListAsync(null, new ListQuery { Tenant = tenant }, cancellationToken);
        return page.Items.Select(i => (ChartGroup)i.Object)
            .FirstOrDefault(g => g.Spec.Name == name && g.Spec.TenantId == tenant && g.Metadata.DeletionTimestamp is null);
    }

    /// <summary>Adds or replaces one version on the chart's Chart object, creating the object for a new chart.</summary>
    public async Task RecordVersionAsync(ChartGroup group, ChartEntry entry, CancellationToken cancellationToken)
    {
        var version = new ChartVersion
        {
            Version = entry.Version,
            ChartSize = entry.Size,
            TimeCreated = entry.Created,
            Description = entry.Metadata.Description,
            AppVersion = entry.Metadata.AppVersion,
            Icon = entry.Metadata.Icon,
            Digest = entry.Digest,
        };
        var ns = group.Metadata.Name!;
        var existing = await FindChartAsync(ns, entry.Name, cancellationToken);
        var name = existing?.Metadata.Name ?? await CreateChartAsync(group, entry.Name, cancellationToken);
        await UpdateStatusAsync<Chart>(Charts, ns, name, chart =>
        {
            var status = chart.Status ??= new ChartStatus();
            var versions = status.Versions ??= [];
            versions.RemoveAll(v => v.Version == version.Version);
            versions.Add(version);
            status.Phase = "Available";
        }, cancellationToken);
    }

    /// <summary>Removes one version; the Chart object goes when its last version does.</summary>
    public async Task RemoveVersionAsync(ChartGroup group, string chartName, string version, CancellationToken cancellationToken)
    {
        var ns = group.Metadata.Name!;
        if (await FindChartAsync(ns, chartName, cancellationToken) is not { } chart)
        {
            return;
        }

        var remaining = chart.Status?.Versions?.Count(v => v.Version != version) ?? 0;
        if (remaining == 0)
        {
            try
            {
                await Charts.DeleteAsync(ns, chart.Metadata.Name!, new DeleteRequest(null, null, null), AsSystem(), cancellationToken);
            }
            catch (StatusError e) when (e.Code == 404)
            {
            }

            return;
        }

        await UpdateStatusAsync<Chart>(Charts, ns, chart.Metadata.Name!, c => c.Status?.Versions?.RemoveAll(v => v.Version == version), cancellationToken);
    }

    /// <summary>Adds <paramref name="pulls"/> downloads to the chart's status.pullCount; a chart
    /// that no longer exists is left alone.</summary>
    public async Task AddPullsAsync(ChartGroup group, string chartName, int pulls, CancellationToken cancellationToken)
    {
        var ns = group.Metadata.Name!;
        if (await FindChartAsync(ns, chartName, cancellationToken) is not { } chart)
        {
            return;
        }

        await UpdateStatusAsync<Chart>(Charts, ns, chart.Metadata.Name!, c => (c.Status ??= new ChartStatus()).PullCount += pulls, cancellationToken);
    }

    public Task SetChartCountAsync(ChartGroup group, int count, CancellationToken cancellationToken) =>
        UpdateStatusAsync<ChartGroup>(ChartGroups, null, group.Metadata.Name!, g =>
        {
            var status = g.Status ??= new ChartGroupStatus();
            status.ChartCount = count;
            if (string.IsNullOrEmpty(status.Phase))
            {
                status.Phase = "Available";
            }
        }, cancellationToken);

    /// <summary>Records the outcome of an import sync in the group's phase, reason and message.</summary>
    public Task SetSyncOutcomeAsync(ChartGroup group, string phase, string reason, string message, TimeProvider clock, CancellationToken cancellationToken) =>
        UpdateStatusAsync<ChartGroup>(ChartGroups, null, group.Metadata.Name!, g =>
        {
            var status = g.Status ??= new ChartGroupStatus();
            if (status.Phase != phase)
            {
                status.LastTransitionTime = clock.GetUtcNow();
            }

            status.Phase = phase;
            status.Reason = reason;
            status.Message = message;
        }, cancellationToken);

    private async ValueTask<Chart?> FindChartAsync(string ns, string chartName, CancellationToken cancellationToken)
    {
        var page = await Charts.ListAsync(ns, new ListQuery(), cancellationToken);
        return page.Items.Select(i => (Chart)i.Object).FirstOrDefault(c => c.Spec.Name == chartName);
    }

    private async Task<string> CreateChartAsync(ChartGroup group, string chartName, CancellationToken cancellationToken)
    {
        var chart = new Chart
        {
            ApiVersion = $"{RegistryApiGroup.GroupName}/{RegistryApiGroup.Version}",
            Kind = "Chart",
            Metadata = new ObjectMeta { Namespace = group.Metadata.Name },
            Spec = new ChartSpec
            {
                Name = chartName,
                TenantId = group.Spec.TenantId,
                ChartGroupName = group.Spec.Name,
                Visibility = group.Spec.Visibility,
            },
        };
        var created = await Charts.CreateAsync(group.Metadata.Name, JsonSerializer.SerializeToNode(chart, ApiJson.Options), AsSystem(), cancellationToken);
        return created.Object.Metadata.Name!;
    }

    private static async Task UpdateStatusAsync<T>(ResourceStore store, string? ns, string name, Action<T> change, CancellationToken cancellationToken)
        where T : ApiObject
    {
        for (var attempt = 0; ; attempt++)
        {
            T current;
            try
            {
                current = (T)(await store.GetAsync(ns, name, cancellationToken)).DecodeCopy();
            }
            catch (StatusError e) when (e.Code == 404)
            {
                return;
            }

            change(current);
            try
            {
                await store.UpdateAsync(ns, name, JsonSerializer.SerializeToNode(current, current.GetType(), ApiJson.Options), "status", AsSystem(), cancellationToken);
                return;
            }
            catch (StatusError e) when (e.Code == 409 && attempt < MaxConflictRetries)
            {
                // Written in between: apply the change to the fresh object.
            }
        }
    }

    private static ResourceStore For(ApiSurface surface, KindCatalog catalog, string plural) =>
        surface.StoreFor(catalog.Find(RegistryApiGroup.GroupName, RegistryApiGroup.Version, plural)
            ?? throw new InvalidOperationException($"registry kind {plural} is not registered"));
}
