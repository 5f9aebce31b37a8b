using System.Collections.Concurrent;
using Tke.Registry.Distribution;

namespace Tke.Registry.Tests.Distribution;

/// <summary>Keeps every repository event it is given, for assertions.</summary>
public sealed class RecordingRepositoryEvents : IRepositoryEvents
{
    public ConcurrentQueue<string> Events { get; } = new();

    public Task OnPushedAsync(string tenant, string repository, string? tag, string digest, long size, CancellationToken cancellationToken)
    {
        Events.Enqueue($"pushed {tenant} {repository} {tag} {digest} {size}");
        return Task.CompletedTask;
    }

    public Task OnPulledAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken)
    {
        Events.Enqueue($"pulled {tenant} {repository} {tag} {digest}");
        return Task.CompletedTask;
    }

    public Task OnDeletedAsync(string tenant, string repository, string? tag, string digest, CancellationToken cancellationToken)
    {
        Events.Enqueue($"deleted {tenant} {repository} {tag} {digest}");
        return Task.CompletedTask;
    }
}
