using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Tke.E2E.Tests.Registry;

/// <summary>A Helm chart archive as `helm package` writes it: a gzip tar with &lt;name&gt;/Chart.yaml and a template.</summary>
public static class RegistryChartArchive
{
    public static byte[] Create(string name, string version, string? directoryName = null)
    {
        var dir = directoryName ?? name;
        using var tar = new MemoryStream();
        using (var gzip = new GZipStream(tar, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            Add(writer, $"{dir}/Chart.yaml", $"apiVersion: v2\nname: {name}\nversion: {version}\ndescription: e2e chart\nappVersion: \"1.0\"\n");
            Add(writer, $"{dir}/values.yaml", "replicas: 1\n");
            Add(writer, $"{dir}/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
        }

        return tar.ToArray();
    }

    private static void Add(TarWriter writer, string path, string content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        });
}
