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

    /// <summary>
    /// A provenance file shaped as `helm package --sign` writes it: a clear-signed message whose
    /// text is Chart.yaml (its list items dash-escaped, as clear-signing does), "...", and the
    /// archive's sha256. The signature is not a real one: the server never verifies it.
    /// </summary>
    public static string ProvenanceText(string name, string version, string digest, string? archiveFile = null) =>
        "-----BEGIN PGP SIGNED MESSAGE-----\n"
        + "Hash: SHA512\n"
        + "\n"
        + "apiVersion: v2\n"
        + "appVersion: \"1.0\"\n"
        + $"description: A chart for {name}\n"
        + "keywords:\n"
        + "- - web\n"
        + $"name: {name}\n"
        + "type: application\n"
        + $"version: {version}\n"
        + "\n"
        + "...\n"
        + "files:\n"
        + $"  {archiveFile ?? $"{name}-{version}.tgz"}: sha256:{digest}\n"
        + "-----BEGIN PGP SIGNATURE-----\n"
        + "\n"
        + "wsBcBAEBCgAQBQJZuxVACRDEO7+YH8GHYgAAtVMIAEIKSyWH9hb3y/ck6Dwg2Y6v\n"
        + "6i0kP3L9iCyyTp64XJYiuipdhUO/XK0CxRcLqLa0I5qu658XeU/Qxwb1GTgPoP52\n"
        + "=/cXn\n"
        + "-----END PGP SIGNATURE-----\n";

    public static byte[] Provenance(string name, string version, byte[] archive) =>
        Encoding.UTF8.GetBytes(ProvenanceText(name, version, Sha256(archive)));
}
