using System.Text;
using System.Text.Json.Nodes;

namespace Tke.SimCluster.Streaming.RemoteCommand;

/// <summary>
/// How a remote command ended, as its error stream reports it: from protocol v4 a metav1.Status
/// (Success; or Failure with reason NonZeroExitCode and an ExitCode cause, which kubectl turns
/// into its own exit code); before v4 plain text, and nothing on success.
/// </summary>
public sealed record RemoteCommandOutcome(int ExitCode, IReadOnlyList<string> Command, string? Error = null)
{
    public static RemoteCommandOutcome Exited(int exitCode, IReadOnlyList<string> command) => new(exitCode, command);

    /// <summary>The command could not run at all (an internal error, not an exit code).</summary>
    public static RemoteCommandOutcome Failed(string error) => new(-1, [], error);

    public string Message => Error ?? $"command terminated with non-zero exit code: command '{string.Join(' ', Command)}' exited with {ExitCode} in a simulated container";

    public byte[] Encode(bool asStatus)
    {
        if (!asStatus)
        {
            return Error is null && ExitCode == 0 ? [] : Encoding.UTF8.GetBytes(Message);
        }

        var status = Error is not null
            ? new JsonObject
            {
                ["metadata"] = new JsonObject(),
                ["status"] = "Failure",
                ["message"] = "Internal error occurred: " + Error,
                ["reason"] = "InternalError",
                ["code"] = 500,
            }
            : ExitCode == 0
                ? new JsonObject { ["metadata"] = new JsonObject(), ["status"] = "Success" }
                : new JsonObject
                {
                    ["metadata"] = new JsonObject(),
                    ["status"] = "Failure",
                    ["message"] = Message,
                    ["reason"] = "NonZeroExitCode",
                    ["details"] = new JsonObject
                    {
                        ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                    },
                };
        return Encoding.UTF8.GetBytes(status.ToJsonString());
    }
}
