using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Objects;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Apis.Policies;
using Tke.Auth.Apis.Subjects;
using Tke.Auth.Authorization;

namespace Tke.Auth.Server;

/// <summary>
/// First start: the default tenant's preset policies, and an administrator "admin" whose
/// password comes from --admin-password or is generated and printed once. Later starts
/// only add presets that are missing; they never touch the admin's password.
/// </summary>
public sealed class AuthBootstrap(AuthStores stores, ILogger logger)
{
    public const string AdminUsername = "admin";

    public async Task RunAsync(string tenant, string? adminPassword, CancellationToken cancellationToken)
    {
        foreach (var policy in PresetPolicies.For(tenant))
        {
            await CreateIfMissingAsync(stores.Policies, policy, cancellationToken);
        }

        var admins = await new StoredLocalIdentities(stores.LocalIdentities).FindAsync(tenant, AdminUsername, cancellationToken);
        if (admins is not null)
        {
            return;
        }

        var password = adminPassword ?? GeneratePassword();
        var admin = new LocalIdentity
        {
            Metadata = new ObjectMeta { Name = AdminUsername },
            Spec = new LocalIdentitySpec
            {
                Username = AdminUsername,
                DisplayName = "Administrator",
                TenantId = tenant,
                HashedPassword = Convert.ToBase64String(Encoding.UTF8.GetBytes(password)),
                Extra = new Dictionary<string, string> { ["platformadmin"] = "true" },
            },
        };
        await stores.LocalIdentities.CreateAsync(null, JsonSerializer.SerializeToNode(admin, ApiJson.Options), AuthStores.AsSystem(), cancellationToken);
        await BindAsync(PresetPolicies.AdministratorPolicyName(tenant), new Subject { Id = AdminUsername, Name = AdminUsername }, cancellationToken);
        if (adminPassword is null)
        {
            // Printed once, on the console only: it is not stored anywhere in the clear.
            await Console.Out.WriteLineAsync($"tke: created the administrator \"{AdminUsername}\" of tenant \"{tenant}\" with password: {password}");
        }

        logger.LogInformation("created the administrator {User} of tenant {Tenant}", AdminUsername, tenant);
    }

    /// <summary>Adds a user to a policy's subjects through the status subresource.</summary>
    public async Task BindAsync(string policyName, Subject subject, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var policy = (Policy)(await stores.Policies.GetAsync(null, policyName, cancellationToken)).DecodeCopy();
            policy.Status ??= new PolicyStatus();
            policy.Status.Users ??= [];
            if (policy.Status.Users.Any(u => u.Id == subject.Id))
            {
                return;
            }

            policy.Status.Users.Add(subject);
            try
            {
                await stores.Policies.UpdateAsync(null, policyName, JsonSerializer.SerializeToNode(policy, ApiJson.Options), "status", AuthStores.AsSystem(), cancellationToken);
                return;
            }
            catch (StatusError e) when (e.Code == 409)
            {
            }
        }
    }

    private static async Task CreateIfMissingAsync(Tke.ApiMachinery.Store.ResourceStore store, ApiObject obj, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateAsync(null, JsonSerializer.SerializeToNode(obj, obj.GetType(), ApiJson.Options), AuthStores.AsSystem(), cancellationToken);
        }
        catch (StatusError e) when (e.Code == 409)
        {
        }
    }

    /// <summary>16 characters with upper case, lower case and digits, as the manual's rule requires.</summary>
    private static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
