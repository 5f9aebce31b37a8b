using System.Diagnostics;
using System.Text;

namespace Tke.TestSupport.Containerd;

/// <summary>
/// A private containerd daemon (Debian's containerd) with its root, state, configuration and gRPC
/// socket in a temporary directory, so it never meets a system containerd. Only the image and
/// content services are used: the CRI plugin is disabled, no container is ever run. containerd
/// must run as root (it chowns its sockets and mounts snapshots to unpack layers).
/// </summary>
public sealed class ContainerdFixture : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string directory;
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource booted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ContainerdFixture()
    {
        foreach (var tool in new[] { "containerd", "ctr" })
        {
            if (!OnPath(tool))
            {
                throw new InvalidOperationException($"`{tool}` is not installed; install the Debian package containerd (scripts/test.sh does).");
            }
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                $"containerd must run as root (it chowns its sockets to root and mounts snapshots to unpack layers), but the tests run as {Environment.UserName}; run them as root, as the CI does.");
        }

        // Short: a unix socket path must stay under 108 bytes.
        directory = Directory.CreateTempSubdirectory("tke-ctd-").FullName;
        Directory.CreateDirectory(HostsDirectory);
        var config = Path.Combine(directory, "config.toml");
        File.WriteAllText(config, $"""
            version = 2
            root = "{directory}/root"
            state = "{directory}/state"
            # No CRI: it wants CNI networking and a sandbox image, and the tests only pull and push.
            disabled_plugins = ["io.containerd.grpc.v1.cri"]

            [grpc]
              address = "{Address}"

            [ttrpc]
              address = "{Address}.ttrpc"

            # Its default, /opt/containerd, would be created on the machine.
            [plugins."io.containerd.internal.v1.opt"]
              path = "{directory}/opt"
            """);

        process = Start(config);
        try
        {
            booted.Task.Wait(StartTimeout);
        }
        catch (AggregateException e)
        {
            // Exited: let the output readers reach the end of its last lines.
            process.WaitForExit();
            Dispose();
            throw new InvalidOperationException($"containerd did not start: {e.InnerException?.Message}\n{Output}");
        }

        if (!booted.Task.IsCompletedSuccessfully)
        {
            Dispose();
            throw new TimeoutException($"containerd did not report booting within {StartTimeout}:\n{Output}");
        }
    }

    /// <summary>The daemon's gRPC socket, for `ctr --address`.</summary>
    public string Address => Path.Combine(directory, "containerd.sock");

    /// <summary>Registry host configurations (HOST:PORT/hosts.toml), for `ctr ... --hosts-dir`.</summary>
    public string HostsDirectory => Path.Combine(directory, "hosts");

    /// <summary>What the daemon wrote to stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Has `--hosts-dir` clients reach <paramref name="host"/> (HOST:PORT) over HTTPS trusting <paramref name="caFile"/> only.</summary>
    public void TrustRegistry(string host, string caFile)
    {
        var dir = Path.Combine(HostsDirectory, host);
        Directory.CreateDirectory(dir);
        // containerd 1.6 rejects a hosts.toml without a [host] table ("invalid `host` tree").
        File.WriteAllText(Path.Combine(dir, "hosts.toml"), $"""
            [host."https://{host}"]
              capabilities = ["pull", "resolve", "push"]
              ca = "{caFile}"
            """);
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary directory; cleanup must not fail a test.
        }
    }

    private Process Start(string config)
    {
        var info = new ProcessStartInfo("containerd")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--config");
        info.ArgumentList.Add(config);

        var started = new Process { StartInfo = info, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.Exited += (_, _) => booted.TrySetException(new InvalidOperationException($"containerd exited with code {started.ExitCode}"));
        if (!started.Start())
        {
            throw new InvalidOperationException("containerd did not start");
        }

        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        // Logged once every plugin is loaded and both sockets are listening.
        if (line.Contains("containerd successfully booted", StringComparison.Ordinal))
        {
            booted.TrySetResult();
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(dir => File.Exists(Path.Combine(dir, tool)));
}
