using Tke.Kubernetes.Client;

namespace Tke.Kubernetes.Discovery;

/// <summary>One resource a server serves (an APIResource of discovery), without subresources.</summary>
public sealed record ApiResource(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources,
    bool IsPreferredVersion)
{
    public GroupVersionResource GroupVersionResource => new(Group, Version, Plural);

    public string ApiVersion => GroupVersionResource.ApiVersion;

    public bool Supports(string verb) => Verbs.Contains(verb, StringComparer.Ordinal);
}
