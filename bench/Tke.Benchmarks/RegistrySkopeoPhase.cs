using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Benchmarks;

/// <summary>
/// End to end with a real client: `skopeo copy` of an image with many layers from an OCI layout
/// directory to the registry, and back into a fresh directory.
/// </summary>
public sealed class RegistrySkopeoPhase(RegistryEndpoint endpoint)
{
    public sealed record Result(double PushSeconds, double PullSeconds);

    public async Task<Result> RunAsync(string layoutDir, CancellationToken cancellationToken)
    {
        var image = $"docker://{endpoint.Host}/{endpoint.Repository("layers")}:v1";
        string[] creds = endpoint.Username is null ? [] : ["--dest-creds", $"{endpoint.Username}:{endpoint.Password}"];
        var clock = Stopwatch.StartNew();
        await RunSkopeoAsync(["copy", "--dest-cert-dir", endpoint.CertDir, .. creds, $"oci:{layoutDir}:v1", image], cancellationToken);
        var push = clock.Elapsed.TotalSeconds;

        var pulled = Directory.CreateTempSubdirectory("tke-bench-pull-").FullName;
        try
        {
            string[] srcCreds = endpoint.Username is null ? [] : ["--src-creds", $"{endpoint.Username}:{endpoint.Password}"];
            clock.Restart();
            await RunSkopeoAsync(["copy", "--src-cert-dir", endpoint.CertDir, .. srcCreds, image, $"oci:{pulled}:v1"], cancellationToken);
            return new Result(push, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(pulled, recursive: true);
        }
    }

    /// <summary>An OCI layout with <paramref name="layers"/> incompressible gzip layers of <paramref name="layerBytes"/> each.</summary>
    public static async Task<string> CreateLayoutAsync(string directory, int layers, int layerBytes, CancellationToken cancellationToken)
    {
        var blobs = Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256")).FullName;
        var random = new Random(7);
        var content = new byte[layerBytes];
        var descriptors = new List<string>();
        var diffIds = new List<string>();
        for (var i = 0; i < layers; i++)
        {
            random.NextBytes(content);
            diffIds.Add("\"sha256:" + Convert.ToHexStringLower(SHA256.HashData(content)) + "\"");
            using var gz = new MemoryStream();
            await using (var gzip = new GZipStream(gz, CompressionLevel.NoCompression, leaveOpen: true))
            {
                await gzip.WriteAsync(content, cancellationToken);
            }

            var (digest, size) = await WriteBlobAsync(blobs, gz.ToArray(), cancellationToken);
            descriptors.Add($"{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{digest}\",\"size\":{size}}}");
        }

        var config = await WriteBlobAsync(blobs, Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[{string.Join(',', diffIds)}]}}}}"), cancellationToken);
        var manifest = await WriteBlobAsync(blobs, Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{config.Digest}\",\"size\":{config.Size}}},\"layers\":[{string.Join(',', descriptors)}]}}"), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "index.json"),
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifest.Digest}\",\"size\":{manifest.Size},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"v1\"}}}}]}}", cancellationToken);
        return directory;
    }

    private static async Task<(string Digest, long Size)> WriteBlobAsync(string blobs, byte[] content, CancellationToken cancellationToken)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        await File.WriteAllBytesAsync(Path.Combine(blobs, hex), content, cancellationToken);
        return ("sha256:" + hex, content.Length);
    }

    private static async Task RunSkopeoAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("skopeo") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start skopeo (apt-get install skopeo)");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo {args[0]} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
