using System.Diagnostics;
using Tke.TestSupport.Processes;

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
        var start = new ProcessStartInfo(TkeBinary.DotnetHost);
        start.ArgumentList.Add(TkeBinary.DllPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return await CompletedProcess.RunAsync(start, stdin, Timeout, $"tke {string.Join(' ', args)}");
    }
}
