using System.CommandLine;

namespace Tke.Cli.Commands;

/// <summary>`tke user`: local users (LocalIdentity objects) of the caller's tenant.</summary>
public static class UserCommand
{
    public static Command Create() => new("user", "Create and list local users.")
    {
        UserCreateCommand.Create(),
        UserListCommand.Create(),
    };
}
