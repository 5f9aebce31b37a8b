using System.CommandLine;
using System.Text.Json.Nodes;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Auth.Authorization;
using Tke.Cli.Client;

namespace Tke.Cli.Commands;

/// <summary>`tke user create NAME --password-stdin`: a LocalIdentity, optionally bound to a platform role.</summary>
public static class UserCreateCommand
{
    private const string LocalIdentities = "apis/auth.tkestack.io/v1/localidentities";

    public static Command Create()
    {
        var username = new Argument<string>("NAME") { Description = "Login name: 3-32 lowercase letters, digits or '-'." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (the only way to pass it): 10-16 characters with upper- and lowercase letters and digits." };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown in the console (default: NAME)." };
        var email = new Option<string?>("--email") { Description = "Email address." };
        var role = new Option<string?>("--role") { Description = "Platform role to grant." };
        role.AcceptOnlyFromAmong([.. PresetPolicies.PlatformRoles]);
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "kubeconfig to use (default: $KUBECONFIG, then tke-data/admin.kubeconfig)." };
        var command = new Command("create", "Create a local user in your tenant.") { username, passwordStdin, displayName, email, role, kubeconfig };
        command.SetAction((parse, cancellationToken) => CommandErrorBoundary.RunAsync("tke user create", async () =>
        {
            if (!parse.GetValue(passwordStdin))
            {
                throw new CommandFailedException("pass --password-stdin and give the password on standard input");
            }

            var name = parse.GetValue(username)!;
            var config = Kubeconfig.Load(Kubeconfig.ResolvePath(parse.GetValue(kubeconfig)));
            var password = PasswordInput.Read("Password: ");
            using var http = PlatformClient.Create(config);

            // The server checks the password rule and stores only a PBKDF2 hash of it.
            var created = await http.PostObjectAsync(LocalIdentities, new JsonObject
            {
                ["apiVersion"] = "auth.tkestack.io/v1",
                ["kind"] = "LocalIdentity",
                ["metadata"] = new JsonObject { ["generateName"] = "usr-" },
                ["spec"] = new JsonObject
                {
                    ["username"] = name,
                    ["displayName"] = parse.GetValue(displayName) ?? name,
                    ["email"] = parse.GetValue(email) ?? "",
                    ["hashedPassword"] = PasswordPolicy.Encode(password),
                },
            }, cancellationToken);
            var id = (string?)created["metadata"]?["name"] ?? throw new CommandFailedException("the server returned the user without a name");
            var tenantId = (string?)created["spec"]?["tenantID"] is { Length: > 0 } tenant ? tenant : "default";
            Console.WriteLine($"user {name} created ({id}, tenant {tenantId})");

            if (parse.GetValue(role) is { } roleName)
            {
                try
                {
                    await PlatformRoleAssignment.AssignAsync(http, roleName, tenantId, id, name, cancellationToken);
                }
                catch (CommandFailedException e)
                {
                    throw new CommandFailedException($"user {name} was created but not granted role {roleName}: {e.Message}", e.StatusCode);
                }

                Console.WriteLine($"role {roleName} granted to {name}");
            }

            return 0;
        }));
        return command;
    }
}
