using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text.Json;

namespace Tke.Cli.Client;

/// <summary>Runs a command's body and turns the failures a user can meet (bad kubeconfig,
/// network or TLS trouble, API errors) into one line on stderr and exit code 1.</summary>
public static class CommandErrorBoundary
{
    public static async Task<int> RunAsync(string command, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is CommandFailedException or KubeconfigException or JsonException or IOException
            or UnauthorizedAccessException or CryptographicException or FormatException or YamlDotNet.Core.YamlException)
        {
            await Console.Error.WriteLineAsync($"{command}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            await Console.Error.WriteLineAsync($"{command}: {Describe(e)}");
        }
        catch (TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{command}: the server did not answer in time");
        }

        return 1;
    }

    /// <summary>HttpClient hides the useful part (refused connection, untrusted certificate) in inner exceptions.</summary>
    private static string Describe(HttpRequestException e)
    {
        var text = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            text += ": " + inner.Message;
        }

        return e.InnerException is AuthenticationException ? text + " (check --certificate-authority)" : text;
    }
}
