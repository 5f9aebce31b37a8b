using System.CommandLine;
using Tke.Cli.Commands;

var root = new RootCommand("tke: the TKEStack container management platform (API server and command line).");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(SimClusterCommand.Create());
root.Subcommands.Add(VersionCommand.Create());
root.Subcommands.Add(WhoamiCommand.Create());
root.Subcommands.Add(LoginCommand.Create());
root.Subcommands.Add(LogoutCommand.Create());
root.Subcommands.Add(UserCommand.Create());
root.Subcommands.Add(ApiKeyCommand.Create());
root.Subcommands.Add(ClusterCommand.Create());
root.Subcommands.Add(KubeconfigCommand.Create());
root.Subcommands.Add(NodeCommand.Create());
return await root.Parse(args).InvokeAsync();
