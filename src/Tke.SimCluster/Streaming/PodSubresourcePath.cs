namespace Tke.SimCluster.Streaming;

/// <summary>A request path /api/v1/namespaces/{ns}/pods/{name}/{log|exec|attach|portforward}.</summary>
public sealed record PodSubresourcePath(string Namespace, string Pod, string Subresource)
{
    public const string Prefix = "/api/v1/namespaces/";

    public static readonly IReadOnlyList<string> Subresources = ["log", "exec", "attach", "portforward"];

    public static PodSubresourcePath? Parse(string? path)
    {
        var parts = (path ?? "").Split('/');
        // "", api, v1, namespaces, {ns}, pods, {name}, {subresource}
        return parts.Length == 8 && parts[1] == "api" && parts[2] == "v1" && parts[3] == "namespaces" && parts[5] == "pods"
            && parts[4].Length > 0 && parts[6].Length > 0 && Subresources.Contains(parts[7])
            ? new PodSubresourcePath(parts[4], parts[6], parts[7])
            : null;
    }

    /// <summary>The Kubernetes verb these subresources are authorised with: reading a log is
    /// "get"; exec, attach and port-forward are "create" whatever the HTTP method (a WebSocket
    /// upgrade is a GET), as the API server checks them.</summary>
    public string Verb => Subresource == "log" ? "get" : "create";
}
