using System.Text;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Auth;

/// <summary>Request bodies for auth.tkestack.io objects and tenant-owned clusters.</summary>
public static class AuthManifests
{
    public const string ApiVersion = "auth.tkestack.io/v1";

    /// <summary>A local user; the password goes in base64, as the console sends it.</summary>
    public static JsonObject LocalIdentity(string username, string password, string? tenantId = null)
    {
        var spec = new JsonObject
        {
            ["username"] = username,
            ["displayName"] = username,
            ["hashedPassword"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
        };
        if (tenantId is not null)
        {
            spec["tenantID"] = tenantId;
        }

        return new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "LocalIdentity", ["metadata"] = new JsonObject { ["name"] = username }, ["spec"] = spec };
    }

    /// <summary>An allow policy; subjects are bound afterwards through the status subresource, since create resets status.</summary>
    public static JsonObject Policy(string name, IEnumerable<string> actions, IEnumerable<string> resources, string? tenantId = null)
    {
        var spec = new JsonObject
        {
            ["displayName"] = name,
            ["category"] = "platform",
            ["statement"] = new JsonObject
            {
                ["actions"] = new JsonArray(actions.Select(a => (JsonNode)a).ToArray()),
                ["resources"] = new JsonArray(resources.Select(r => (JsonNode)r).ToArray()),
                ["effect"] = "allow",
            },
        };
        if (tenantId is not null)
        {
            spec["tenantID"] = tenantId;
        }

        return new JsonObject { ["apiVersion"] = ApiVersion, ["kind"] = "Policy", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
    }

    public static JsonObject Subject(string username) => new() { ["id"] = username, ["name"] = username };

    /// <summary>A valid cluster; without a tenant the server assigns the caller's.</summary>
    public static JsonObject Cluster(string name, string? tenantId)
    {
        var cluster = ClusterManifest.Json(name);
        var spec = cluster["spec"]!.AsObject();
        if (tenantId is null)
        {
            spec.Remove("tenantID");
        }
        else
        {
            spec["tenantID"] = tenantId;
        }

        return cluster;
    }

    /// <summary>A name no other test uses, so tests on the shared server never collide.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];
}
