using System.CommandLine;

namespace Tke.Cli.Commands;

/// <summary>`tke apikey`: access credentials (API keys) of the calling user.</summary>
public static class ApiKeyCommand
{
    public static Command Create() => new("apikey", "Create and list your API keys (bearer tokens for the API and registry).")
    {
        ApiKeyCreateCommand.Create(),
        ApiKeyListCommand.Create(),
    };
}
