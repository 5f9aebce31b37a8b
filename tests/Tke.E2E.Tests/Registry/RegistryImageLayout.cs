using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.E2E.Tests.Registry;

/// <summary>
/// An OCI image layout directory (oci-layout, index.json, blobs/sha256/...) generated from random
/// bytes, which skopeo copies with `oci:DIR:TAG`: a single-platform image, or an index of two
/// platforms. No base image is pulled from anywhere.
/// </summary>
public sealed class RegistryImageLayout : IDisposable
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    public const string IndexMediaType = "application/vnd.oci.image.index.v1+json";

    private RegistryImageLayout(string directory, string tag, string topDigest, IReadOnlyList<string> layerDigests, IReadOnlyDictionary<string, string> platformManifests)
    {
        Directory = directory;
        Tag = tag;
        TopDigest = topDigest;
        LayerDigests = layerDigests;
        PlatformManifests = platformManifests;
    }

    public string Directory { get; }

    public string Tag { get; }

    /// <summary>The digest of what the tag names: the image manifest, or the index.</summary>
    public string TopDigest { get; }

    public IReadOnlyList<string> LayerDigests { get; }

    /// <summary>"os/arch" → manifest digest (one entry for a single-platform image).</summary>
    public IReadOnlyDictionary<string, string> PlatformManifests { get; }

    /// <summary>skopeo's name for the image in this directory.</summary>
    public string Reference => $"oci:{Directory}:{Tag}";

    public static RegistryImageLayout SinglePlatform(string tag, int layers = 2, int layerBytes = 64 * 1024)
    {
        var dir = NewDirectory();
        var layerDigests = new List<string>();
        var manifest = WriteImage(dir, "linux", "amd64", layers, layerBytes, layerDigests);
        WriteIndex(dir, [Descriptor(ManifestMediaType, manifest, tag, null)]);
        return new RegistryImageLayout(dir, tag, manifest.Digest, layerDigests, new Dictionary<string, string> { ["linux/amd64"] = manifest.Digest });
    }

    /// <summary>An image index of linux/amd64 and linux/arm64, each with its own layers.</summary>
    public static RegistryImageLayout MultiPlatform(string tag)
    {
        var dir = NewDirectory();
        var layerDigests = new List<string>();
        var platforms = new Dictionary<string, string>();
        var entries = new JsonArray();
        foreach (var arch in new[] { "amd64", "arm64" })
        {
            var manifest = WriteImage(dir, "linux", arch, 1, 32 * 1024, layerDigests);
            platforms["linux/" + arch] = manifest.Digest;
            var entry = Descriptor(ManifestMediaType, manifest, null, null);
            entry["platform"] = new JsonObject { ["architecture"] = arch, ["os"] = "linux" };
            entries.Add(entry);
        }

        var index = WriteBlob(dir, Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = IndexMediaType,
            ["manifests"] = entries,
        }.ToJsonString()));
        WriteIndex(dir, [Descriptor(IndexMediaType, index, tag, null)]);
        return new RegistryImageLayout(dir, tag, index.Digest, layerDigests, platforms);
    }

    /// <summary>A fresh empty directory for `skopeo copy ... oci:DIR:TAG` to pull into.</summary>
    public static string NewDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tke-e2e-oci", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The manifest or index digest that index.json of a layout directory names for <paramref name="tag"/>.</summary>
    public static string DigestOfTag(string layoutDirectory, string tag)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layoutDirectory, "index.json")))!;
        var entries = index["manifests"]!.AsArray();
        var named = entries.FirstOrDefault(m => (string?)m!["annotations"]?["org.opencontainers.image.ref.name"] == tag) ?? entries.Single();
        return (string)named!["digest"]!;
    }

    public static bool HasBlob(string layoutDirectory, string digest) =>
        File.Exists(Path.Combine(layoutDirectory, "blobs", "sha256", digest["sha256:".Length..]));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // a temporary directory; cleanup must not fail a test
        }
    }

    private static (string Digest, long Size) WriteImage(string dir, string os, string arch, int layers, int layerBytes, List<string> layerDigests)
    {
        var layerDescriptors = new JsonArray();
        var diffIds = new JsonArray();
        for (var i = 0; i < layers; i++)
        {
            var (compressed, uncompressedDigest) = LayerTarGz($"file-{i}.bin", RandomNumberGenerator.GetBytes(layerBytes));
            var layer = WriteBlob(dir, compressed);
            layerDigests.Add(layer.Digest);
            diffIds.Add(uncompressedDigest);
            layerDescriptors.Add(Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer, null, null));
        }

        var config = WriteBlob(dir, Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = arch,
            ["os"] = os,
            ["created"] = "2024-01-01T00:00:00Z",
            ["config"] = new JsonObject { ["Cmd"] = new JsonArray("/bin/true") },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        }.ToJsonString()));
        return WriteBlob(dir, Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = Descriptor("application/vnd.oci.image.config.v1+json", config, null, null),
            ["layers"] = layerDescriptors,
        }.ToJsonString()));
    }

    private static (byte[] Compressed, string UncompressedDigest) LayerTarGz(string fileName, byte[] content)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, fileName)
            {
                DataStream = new MemoryStream(content),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                ModificationTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
            };
            writer.WriteEntry(entry);
        }

        var uncompressed = tar.ToArray();
        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(uncompressed);
        }

        return (gz.ToArray(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(uncompressed)));
    }

    private static (string Digest, long Size) WriteBlob(string dir, byte[] content)
    {
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        var blobs = Path.Combine(dir, "blobs", "sha256");
        System.IO.Directory.CreateDirectory(blobs);
        File.WriteAllBytes(Path.Combine(blobs, hex), content);
        return ("sha256:" + hex, content.Length);
    }

    private static void WriteIndex(string dir, IEnumerable<JsonObject> manifests)
    {
        File.WriteAllText(Path.Combine(dir, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllText(Path.Combine(dir, "index.json"), new JsonObject
        {
            ["schemaVersion"] = 2,
            ["manifests"] = new JsonArray([.. manifests]),
        }.ToJsonString());
    }

    private static JsonObject Descriptor(string mediaType, (string Digest, long Size) blob, string? tag, JsonObject? platform)
    {
        var descriptor = new JsonObject { ["mediaType"] = mediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };
        if (tag is not null)
        {
            descriptor["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
        }

        if (platform is not null)
        {
            descriptor["platform"] = platform;
        }

        return descriptor;
    }
}
