namespace Tke.Cli.Client;

/// <summary>A failure the user can act on; its message is printed as is, without a stack trace.
/// <see cref="StatusCode"/> is the HTTP status when the server refused the request.</summary>
public sealed class CommandFailedException(string message, int? statusCode = null) : Exception(message)
{
    public int? StatusCode { get; } = statusCode;
}
