using System.Diagnostics;
using Tke.E2E.Tests.Hosting;
using Tke.TestSupport.Processes;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>Runs the real kubectl against one server through its admin kubeconfig.</summary>
public sealed class KubectlRunner(string kubeconfigPath, string cacheDir, ServerOutput serverOutput)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string Executable { get; } = Environment.GetEnvironmentVariable("TKE_E2E_KUBECTL") is { Length: > 0 } path ? path : "kubectl";

    public Task<KubectlResult> RunAsync(params string[] arguments) => RunAsync(arguments, stdin: null, environment: null);

    /// <summary>Runs with <paramref name="stdin"/> as standard input, for `-f -`.</summary>
    public Task<KubectlResult> RunWithInputAsync(string stdin, params string[] arguments) => RunAsync(arguments, stdin, environment: null);

    public async Task<KubectlResult> RunAsync(IReadOnlyList<string> arguments, string? stdin, IReadOnlyDictionary<string, string>? environment, TimeSpan? timeout = null)
    {
        var (exitCode, stdout, stderr) = await CompletedProcess.RunAsync(StartInfo(arguments, environment), stdin, timeout ?? Timeout, $"kubectl {string.Join(' ', arguments)}");
        return new KubectlResult(arguments, exitCode, stdout, stderr, serverOutput.Tail());
    }

    /// <summary>Starts kubectl without waiting for it, e.g. for `get -w`.</summary>
    public KubectlBackgroundProcess Start(params string[] arguments) => Start(null, arguments);

    /// <summary>Starts kubectl without waiting for it, with <paramref name="environment"/> added to its own.</summary>
    public KubectlBackgroundProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var process = new Process { StartInfo = StartInfo(arguments, environment) };
        return KubectlBackgroundProcess.Start(process, arguments, serverOutput);
    }

    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = kubeconfigPath;
        // Discovery and OpenAPI caches stay with the server's data, not in the user's home.
        start.Environment["KUBECACHEDIR"] = cacheDir;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
