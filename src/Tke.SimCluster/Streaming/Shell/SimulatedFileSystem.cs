using Tke.SimCluster.Streaming.Pods;

namespace Tke.SimCluster.Streaming.Shell;

/// <summary>The few paths `ls` and `cat` know in a simulated container: a plausible root, and
/// files whose contents follow from the pod.</summary>
public sealed class SimulatedFileSystem(SimulatedContainer container)
{
    private static readonly string[] Root = ["bin", "dev", "etc", "home", "lib", "proc", "root", "run", "sbin", "sys", "tmp", "usr", "var"];

    /// <summary>The entries of a directory, or null when there is no such directory.</summary>
    public IReadOnlyList<string>? List(string path) => Normalize(path) switch
    {
        "/" => Root,
        "/etc" => ["hostname", "hosts", "passwd"],
        "/bin" => SimulatedPrograms.Names,
        "/home" or "/root" or "/tmp" => [],
        _ => null,
    };

    /// <summary>A file's contents, or null when there is no such file.</summary>
    public string? Read(string path) => Normalize(path) switch
    {
        "/etc/hostname" => container.PodName + "\n",
        "/etc/hosts" => "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
            + (container.PodIp is { } ip ? $"{ip}\t{container.PodName}\n" : ""),
        "/etc/passwd" => "root:x:0:0:root:/root:/bin/sh\n",
        _ => null,
    };

    public bool IsDirectory(string path) => List(path) is not null;

    private static string Normalize(string path)
    {
        var absolute = path.StartsWith('/') ? path : "/" + path;
        var trimmed = absolute.TrimEnd('/');
        return trimmed.Length == 0 ? "/" : trimmed;
    }
}
