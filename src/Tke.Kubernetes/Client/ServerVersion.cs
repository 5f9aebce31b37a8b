using System.Text.Json.Nodes;

namespace Tke.Kubernetes.Client;

/// <summary>What /version reports (version.Info).</summary>
public sealed record ServerVersion(string Major, string Minor, string GitVersion, string? Platform, JsonObject Raw)
{
    public static ServerVersion From(JsonObject o) => new(
        (string?)o["major"] ?? "",
        (string?)o["minor"] ?? "",
        (string?)o["gitVersion"] ?? "",
        (string?)o["platform"],
        o);
}
