using System.Diagnostics;
using Tke.TestSupport.Containerd;
using Tke.TestSupport.Processes;

namespace Tke.E2E.Tests.Registry;

/// <summary>The outcome of one skopeo, podman, buildah or ctr run.</summary>
public sealed record RegistryToolResult(int Code, string Out, string Err, string CommandLine)
{
    public RegistryToolResult ExpectSuccess() =>
        Code == 0 ? this : throw new Xunit.Sdk.XunitException($"`{CommandLine}` exited {Code}:\n{Err}\n{Out}");

    public RegistryToolResult ExpectFailure() =>
        Code != 0 ? this : throw new Xunit.Sdk.XunitException($"`{CommandLine}` succeeded but should have failed:\n{Out}");
}

/// <summary>
/// Runs the real container tools (Debian's skopeo, podman and buildah, no daemon; containerd's ctr
/// against a private daemon) with their state kept in a directory of their own: the credentials
/// file, the image store and the containers configuration, so tests neither read nor change the
/// machine's.
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

        // buildah refuses to start when $REGISTRY_AUTH_FILE names a missing file.
        File.WriteAllText(AuthFile, """{"auths":{}}""");
        // Empty: defaults only, whatever /etc/containers holds; all image names here are fully qualified.
        File.WriteAllText(RegistriesConf, "");
        File.WriteAllText(ContainersConf, "");
        // vfs needs no kernel overlay support and no mount program.
        File.WriteAllText(StorageConf, $"""
            [storage]
            driver = "vfs"
            graphroot = "{Path.Combine(Home, "storage")}"
            runroot = "{Path.Combine(Home, "run")}"
            """);
    }

    public string CertDir { get; }

    public string Home { get; }

    /// <summary>Where `login` stores credentials and copy/inspect read them.</summary>
    public string AuthFile => Path.Combine(Home, "auth.json");

    private string RegistriesConf => Path.Combine(Home, "registries.conf");

    private string ContainersConf => Path.Combine(Home, "containers.conf");

    private string StorageConf => Path.Combine(Home, "storage.conf");

    public Task<RegistryToolResult> SkopeoAsync(params string[] args) => RunAsync("skopeo", args, null);

    public Task<RegistryToolResult> SkopeoWithInputAsync(string stdin, params string[] args) => RunAsync("skopeo", args, stdin);

    /// <summary>podman with a private image store (vfs needs no kernel overlay support).</summary>
    public Task<RegistryToolResult> PodmanAsync(params string[] args) =>
        RunAsync("podman", ["--root", Path.Combine(Home, "storage"), "--runroot", Path.Combine(Home, "run"), "--storage-driver", "vfs", .. args], null);

    public Task<RegistryToolResult> PodmanWithInputAsync(string stdin, params string[] args) =>
        RunAsync("podman", ["--root", Path.Combine(Home, "storage"), "--runroot", Path.Combine(Home, "run"), "--storage-driver", "vfs", .. args], stdin);

    /// <summary>buildah with the same private vfs image store (from storage.conf) as podman.</summary>
    public Task<RegistryToolResult> BuildahAsync(params string[] args) => RunAsync("buildah", args, null);

    public Task<RegistryToolResult> BuildahWithInputAsync(string stdin, params string[] args) => RunAsync("buildah", args, stdin);

    /// <summary>containerd's client against <paramref name="containerd"/>; the daemon keeps the images.</summary>
    public Task<RegistryToolResult> CtrAsync(ContainerdFixture containerd, params string[] args) =>
        RunAsync("ctr", ["--address", containerd.Address, .. args], null);

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
        start.Environment["CONTAINERS_REGISTRIES_CONF"] = RegistriesConf;
        start.Environment["CONTAINERS_CONF"] = ContainersConf;
        start.Environment["CONTAINERS_STORAGE_CONF"] = StorageConf;
        var commandLine = tool + " " + string.Join(' ', args);
        var (exitCode, stdout, stderr) = await CompletedProcess.RunAsync(start, stdin, Timeout, $"`{commandLine}`");
        return new RegistryToolResult(exitCode, stdout, stderr, commandLine);
    }
}
