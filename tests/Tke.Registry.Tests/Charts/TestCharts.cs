using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Registry.Tests.Charts;

/// <summary>Chart packages built in memory (gzip-compressed tar), valid or broken on purpose.</summary>
internal static class TestCharts
{
    public static byte[] Package(string name, string version, string? directory = null, string? appVersion = "1.0", string? description = null)
    {
        var yaml = $"apiVersion: v2\nname: {name}\nversion: {version}\n"
            + (appVersion is null ? "" : $"appVersion: \"{appVersion}\"\n")
            + $"description: {description ?? "A chart for " + name}\ntype: application\n";
        var dir = directory ?? name;
        return Archive((dir + "/Chart.yaml", yaml), (dir + "/values.yaml", "replicaCount: 1\n"), (dir + "/templates/service.yaml", "kind: Service\n"));
    }

    public static byte[] Archive(params (string Path, string Content)[] files)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
                tar.WriteEntry(entry);
            }
        }

        return output.ToArray();
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
