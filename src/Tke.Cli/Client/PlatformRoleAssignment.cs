using System.Text.Json.Nodes;
using Tke.Auth.Authorization;

namespace Tke.Cli.Client;

/// <summary>Gives a user a platform role by listing it in the status of the role's preset policy
/// (pol-{tenant}-administrator, -platform, -viewer), as TKEStack binds users to policies.</summary>
public static class PlatformRoleAssignment
{
    private const int Attempts = 5;

    public static async Task AssignAsync(HttpClient http, string role, string tenantId, string userId, string username, CancellationToken cancellationToken)
    {
        var policyName = PresetPolicies.PolicyNameForPlatformRole(tenantId, role)
            ?? throw new CommandFailedException($"unknown role \"{role}\" (use {string.Join(", ", PresetPolicies.PlatformRoles)})");
        var path = $"apis/auth.tkestack.io/v1/policies/{Uri.EscapeDataString(policyName)}";
        for (var attempt = 1; ; attempt++)
        {
            var policy = await http.GetObjectAsync(path, cancellationToken);
            var status = policy["status"] as JsonObject ?? new JsonObject();
            policy["status"] = status;
            var users = status["users"] as JsonArray ?? [];
            status["users"] = users;
            if (users.OfType<JsonObject>().Any(u => (string?)u["id"] == userId))
            {
                return;
            }

            users.Add(new JsonObject { ["id"] = userId, ["name"] = username });
            try
            {
                // The GET's resourceVersion makes the write conditional: a concurrent change gives 409.
                await http.PutObjectAsync($"{path}/status", policy, cancellationToken);
                return;
            }
            catch (CommandFailedException e) when (e.StatusCode == 409 && attempt < Attempts)
            {
                // Someone else changed the policy in between: read it again.
            }
        }
    }
}
