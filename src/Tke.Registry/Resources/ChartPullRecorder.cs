using Microsoft.Extensions.Logging;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Charts;
using Tke.Registry.Distribution;

namespace Tke.Registry.Resources;

/// <summary>
/// Counts chart downloads into the Chart objects' status.pullCount, fed by a
/// <see cref="RepositoryEventQueue"/> as image pulls are: a pull event's repository is the chart
/// group's name and its tag the chart's name. A batch becomes one status write per chart, however
/// many downloads it holds. Pushes and deletions are not events here: the chart repositories
/// record those synchronously under the group's lock.
/// </summary>
public sealed class ChartPullRecorder(ChartObjects objects, ILogger? log = null) : IRepositoryEvents
{
    public async Task ApplyAsync(IReadOnlyList<RepositoryEvent> events, CancellationToken cancellationToken)
    {
        var pulls = events.Where(e => e.Kind == RepositoryEventKind.Pulled && !string.IsNullOrEmpty(e.Tag));
        foreach (var byGroup in pulls.GroupBy(e => (e.Tenant, Group: e.Repository)))
        {
            var (tenant, groupName) = byGroup.Key;
            ChartGroup? group;
            try
            {
                group = await objects.FindGroupAsync(tenant, groupName, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log?.LogWarning(e, "{Count} chart pulls in {Tenant}/{Group} were not counted", byGroup.Count(), tenant, groupName);
                continue;
            }

            if (group is null)
            {
                continue;
            }

            foreach (var byChart in byGroup.GroupBy(e => e.Tag!, StringComparer.Ordinal))
            {
                try
                {
                    await objects.AddPullsAsync(group, byChart.Key, byChart.Count(), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log?.LogWarning(e, "{Count} pulls of chart {Tenant}/{Group}/{Chart} were not counted", byChart.Count(), tenant, groupName, byChart.Key);
                }
            }
        }
    }

    public Task OnPulledAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken) =>
        ApplyAsync([new RepositoryEvent(RepositoryEventKind.Pulled, tenant, repository, tag, digest, 0)], cancellationToken);

    public Task OnPushedAsync(string tenant, string repository, string? tag, string digest, long size, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnDeletedAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken) => Task.CompletedTask;
}
