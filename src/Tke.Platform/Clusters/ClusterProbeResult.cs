using Tke.Platform.Apis.Shared;
using Tke.ApiMachinery.Objects;

namespace Tke.Platform.Clusters;

/// <summary>Why a cluster could not be probed; decides the condition reason and the import error.</summary>
public enum ProbeFailureKind
{
    Unreachable,
    Unauthorized,
    Forbidden,
    UntrustedCertificate,
    BadCredential,
    Error,
}

/// <summary>What one probe of a cluster found: its version and nodes, or why it failed.</summary>
public sealed record ClusterProbeResult
{
    public bool Succeeded => Failure is null;

    public ProbeFailureKind? Failure { get; init; }

    /// <summary>Says what went wrong, naming the address ("cannot reach https://10.0.0.1:6443: connection refused").</summary>
    public string? Message { get; init; }

    public string? GitVersion { get; init; }

    public int NodeCount { get; init; }

    public int ReadyNodes { get; init; }

    public ResourceList Capacity { get; init; } = new();

    public ResourceList Allocatable { get; init; } = new();

    public static ClusterProbeResult Failed(ProbeFailureKind kind, string message) => new() { Failure = kind, Message = message };

    /// <summary>The condition reason TKEStack-style clients read: one CamelCase word.</summary>
    public string Reason => Failure switch
    {
        null => "Healthy",
        ProbeFailureKind.Unreachable => "Unreachable",
        ProbeFailureKind.Unauthorized => "Unauthorized",
        ProbeFailureKind.Forbidden => "Forbidden",
        ProbeFailureKind.UntrustedCertificate => "UntrustedCertificate",
        ProbeFailureKind.BadCredential => "InvalidCredential",
        _ => "HealthCheckFailed",
    };
}
