using System.Globalization;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Objects;
using Tke.SimCluster.Controllers.Runtime;
using Tke.SimCluster.Core;

namespace Tke.SimCluster.Controllers;

/// <summary>Writes core/v1 Events about objects, as Kubernetes components do, so that
/// `kubectl describe` and `kubectl get events` show what the controllers did.</summary>
public sealed class EventRecorder(TypedStore<Event> events, TimeProvider clock, ILogger logger)
{
    public async Task NormalAsync(ApiObject about, string kind, string apiVersion, string component, string reason, string message, CancellationToken cancellationToken, string? host = null) =>
        await RecordAsync(about, kind, apiVersion, component, "Normal", reason, message, host, cancellationToken);

    public async Task WarningAsync(ApiObject about, string kind, string apiVersion, string component, string reason, string message, CancellationToken cancellationToken, string? host = null) =>
        await RecordAsync(about, kind, apiVersion, component, "Warning", reason, message, host, cancellationToken);

    private async Task RecordAsync(ApiObject about, string kind, string apiVersion, string component, string type, string reason, string message, string? host, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = about.Metadata.Name ?? "";
        var ev = new Event
        {
            Metadata = new ObjectMeta
            {
                // Kubernetes' naming: the object's name and the time in hex nanoseconds.
                Name = $"{name}.{(now.ToUnixTimeMilliseconds() * 1_000_000 + Random.Shared.Next(1_000_000)).ToString("x", CultureInfo.InvariantCulture)}",
                Namespace = about.Metadata.Namespace ?? "default",
            },
            InvolvedObject = new ObjectReference
            {
                Kind = kind,
                ApiVersion = apiVersion,
                Namespace = about.Metadata.Namespace,
                Name = name,
                Uid = about.Metadata.Uid,
                ResourceVersion = about.Metadata.ResourceVersion,
            },
            Reason = reason,
            Message = message,
            Type = type,
            Source = new EventSource { Component = component, Host = host },
            ReportingComponent = component,
            ReportingInstance = host ?? component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await events.CreateAsync(ev, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Events are best effort: a lost event must never fail the work it describes.
            logger.LogDebug(e, "recording event {Reason} for {Name} failed", reason, name);
        }
    }
}
