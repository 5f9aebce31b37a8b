namespace Tke.Kubernetes.Client;

/// <summary>Request paths of collections and objects (relative to the server's base path).</summary>
public static class ResourcePaths
{
    /// <summary>/api/v1/namespaces/{ns}/pods, or without the namespace part for cluster-scoped resources and all-namespace lists.</summary>
    public static string Collection(GroupVersionResource resource, string? ns) =>
        resource.GroupVersionPath + (string.IsNullOrEmpty(ns) ? "" : "/namespaces/" + Segment(ns, "namespace")) + "/" + resource.Resource;

    public static string Object(GroupVersionResource resource, string? ns, string name, string? subresource = null) =>
        Collection(resource, ns) + "/" + Segment(name, "name") + (string.IsNullOrEmpty(subresource) ? "" : "/" + subresource);

    private static string Segment(string value, string what) =>
        value.Length == 0 || value is "." or ".." || value.Contains('/', StringComparison.Ordinal)
            ? throw new ArgumentException($"\"{value}\" is not a valid {what}", what)
            : Uri.EscapeDataString(value);
}
