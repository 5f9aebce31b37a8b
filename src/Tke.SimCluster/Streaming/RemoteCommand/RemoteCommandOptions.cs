using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.SimCluster.Streaming.Http;

namespace Tke.SimCluster.Streaming.RemoteCommand;

/// <summary>The query of pods/exec and pods/attach (PodExecOptions, PodAttachOptions).</summary>
public sealed record RemoteCommandOptions(IReadOnlyList<string> Command, string? Container, bool Stdin, bool Stdout, bool Stderr, bool Tty)
{
    /// <exception cref="StatusError">400 for what the API server and kubelet refuse.</exception>
    public static RemoteCommandOptions Parse(IQueryCollection query, bool exec)
    {
        var command = query["command"].Select(c => c ?? "").ToList();
        var tty = QueryParameters.Bool(query, "tty");
        var options = new RemoteCommandOptions(
            command,
            QueryParameters.String(query, "container"),
            QueryParameters.Bool(query, "stdin"),
            QueryParameters.Bool(query, "stdout"),
            // A terminal has no separate stderr; the kubelet drops the request for one.
            QueryParameters.Bool(query, "stderr") && !tty,
            tty);
        if (exec && command.Count == 0)
        {
            throw StatusError.BadRequest("you must specify at least 1 command");
        }

        if (!options.Stdin && !options.Stdout && !options.Stderr)
        {
            throw StatusError.BadRequest("you must specify at least 1 of stdin, stdout, stderr");
        }

        return options;
    }
}
