using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;

namespace Tke.ApiMachinery.Admission;

public enum AdmissionPhase
{
    /// <summary>May change the object; runs first.</summary>
    Mutating,

    /// <summary>May only accept or reject; runs after every mutating plugin.</summary>
    Validating,
}

public enum AdmissionOperation
{
    Create,
    Update,
    Delete,
}

/// <summary>An object about to be written, as seen by admission plugins.</summary>
public sealed record AdmissionRequest(
    KindDefinition Kind,
    AdmissionOperation Operation,
    string? Namespace,
    string Name,
    ApiObject? Object,
    ApiObject? OldObject,
    string? Subresource,
    RequestUser User,
    bool DryRun);

/// <summary>A step of the admission chain. Rejects a request by throwing a StatusError.</summary>
public interface IAdmissionPlugin
{
    string Name { get; }

    AdmissionPhase Phase { get; }

    /// <summary>True if the plugin wants to see requests for this kind.</summary>
    bool Handles(KindDefinition kind);

    ValueTask AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken);
}
