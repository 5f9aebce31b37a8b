using System.Diagnostics;

namespace Tke.E2E.Tests.Hosting;

/// <summary>Runs the built tke command once and collects its exit code and output.</summary>
public static class TkeCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    /// <summary>Runs with <paramref name="stdin"/> as standard input (a pipe, as for --password-stdin).</summary>
    public static Task<(int Code, string Out, string Err)> RunWithInputAsync(string stdin, params string[] args) => RunAsync(args, stdin);

    public static async Task<(int Code, string Out, string Err)> RunAsync(IReadOnlyList<string> args, string? stdin, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(TkeBinary.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(TkeBinary.DllPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Closed even when empty: a command that reads stdin must never wait on the test runner's.
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tke {string.Join(' ', args)} did not finish within {Timeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
