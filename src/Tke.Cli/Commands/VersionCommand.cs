using System.CommandLine;
using Tke.ApiServer.Hosting;

namespace Tke.Cli.Commands;

/// <summary>`tke version`.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version of tke.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"tke v{ApiServerHost.Version} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription})");
            return 0;
        });
        return command;
    }
}
