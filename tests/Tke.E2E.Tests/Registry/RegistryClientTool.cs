using System.Diagnostics;
using Tke.E2E.Tests.Hosting;
using Tke.TestSupport.Processes;

namespace Tke.E2E.Tests.Registry;

/// <summary>The outcome of one skopeo or podman run.</summary>
public sealed record RegistryToolResult(int Code, string Out, string Err, string CommandLine)
{
    public RegistryToolResult ExpectSuccess() =>
        Code == 0 ? this : throw new Xunit.Sdk.XunitException($"`{CommandLine}` exited {Code}:\n{Err}\n{Out}");

    public RegistryToolResult ExpectFailure() =>
        Code != 0 ? this : throw new Xunit.Sdk.XunitException($"`{CommandLine}` succeeded but should have failed:\n{Out}");
}

/// <summary>
/// Runs the real container tools (Debian's skopeo and podman, no daemon) with their state kept in
/// a directory of their own: the credentials file, and podman's image store, so tests neither read
/// nor change the machine's.
/// </summary>
public sealed class RegistryClientTool : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public RegistryClientTool(string certDir)
    {
        CertDir = certDir;
        // Short: podman refuses a --runroot longer than 50 characters.
        Home = Path.Combine(Path.GetTempPath(), "tke-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Home);
    }

    public string CertDir { get; }

    public string Home { get; }

    /// <summary>Where `login` stores credentials and copy/inspect read them.</summary>
    public string AuthFile => Path.Combine(Home, "auth.json");

    public Task<RegistryToolResult> SkopeoAsync(params string[] args) => RunAsync("skopeo", args, null);

    public Task<RegistryToolResult> SkopeoWithInputAsync(string stdin, params string[] args) => RunAsync("skopeo", args, stdin);

    /// <summary>podman with a private image store (vfs needs no kernel overlay support).</summary>
    public Task<RegistryToolResult> PodmanAsync(params string[] args) =>
        RunAsync("podman", ["--root", Path.Combine(Home, "storage"), "--runroot", Path.Combine(Home, "run"), "--storage-driver", "vfs", .. args], null);

    public Task<RegistryToolResult> PodmanWithInputAsync(string stdin, params string[] args) =>
        RunAsync("podman", ["--root", Path.Combine(Home, "storage"), "--runroot", Path.Combine(Home, "run"), "--storage-driver", "vfs", .. args], stdin);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a temporary directory; cleanup must not fail a test
        }
    }

    private async Task<RegistryToolResult> RunAsync(string tool, IReadOnlyList<string> args, string? stdin)
    {
        var start = new ProcessStartInfo(tool);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // Credentials and caches under Home only; the tools otherwise read $XDG_RUNTIME_DIR and ~/.config.
        start.Environment["HOME"] = Home;
        start.Environment["XDG_RUNTIME_DIR"] = Home;
        start.Environment["XDG_CONFIG_HOME"] = Path.Combine(Home, ".config");
        start.Environment["REGISTRY_AUTH_FILE"] = AuthFile;
        var commandLine = tool + " " + string.Join(' ', args);
        var (exitCode, stdout, stderr) = await CompletedProcess.RunAsync(start, stdin, Timeout, $"`{commandLine}`");
        return new RegistryToolResult(exitCode, stdout, stderr, commandLine);
    }
}
