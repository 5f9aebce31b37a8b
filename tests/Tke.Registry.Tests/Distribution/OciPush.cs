using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tke.Registry.Tests.Distribution;

/// <summary>What a client does to push: blobs (monolithic) and manifests, asserting success.</summary>
public static class OciPush
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerList = "application/vnd.docker.distribution.manifest.list.v2+json";

    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha512Of(byte[] bytes) => "sha512:" + Convert.ToHexStringLower(SHA512.HashData(bytes));

    public static Task<string> BlobAsync(HttpClient client, string repository, byte[] bytes) => BlobAsync(client, repository, bytes, DigestOf(bytes));

    /// <summary>A monolithic upload under <paramref name="digest"/> (of any algorithm).</summary>
    public static async Task<string> BlobAsync(HttpClient client, string repository, byte[] bytes, string digest)
    {
        using var response = await client.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", new ByteArrayContent(bytes));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    /// <summary>An OCI image manifest over a config and layers (pushed first), as bytes.</summary>
    public static async Task<byte[]> ImageAsync(HttpClient client, string repository, string seed, string? subjectDigest = null, string? artifactType = null, int subjectSize = 0, string mediaType = OciManifest)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"seed\":\"{seed}\"}}");
        var layer = Encoding.UTF8.GetBytes($"layer of {seed}");
        var configDigest = await BlobAsync(client, repository, config);
        var layerDigest = await BlobAsync(client, repository, layer);
        return ImageManifest(configDigest, config.Length, layerDigest, layer.Length, subjectDigest, subjectSize, artifactType, mediaType);
    }

    public static byte[] ImageManifest(string configDigest, long configSize, string layerDigest, long layerSize, string? subjectDigest = null, int subjectSize = 0, string? artifactType = null, string mediaType = OciManifest)
    {
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["config"] = new JsonObject { ["mediaType"] = artifactType ?? "application/vnd.oci.image.config.v1+json", ["digest"] = configDigest, ["size"] = configSize },
            ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip", ["digest"] = layerDigest, ["size"] = layerSize }),
        };
        if (subjectDigest is not null)
        {
            manifest["subject"] = new JsonObject { ["mediaType"] = OciManifest, ["digest"] = subjectDigest, ["size"] = subjectSize };
            manifest["annotations"] = new JsonObject { ["org.example.kind"] = "signature" };
        }

        return Encoding.UTF8.GetBytes(manifest.ToJsonString());
    }

    public static HttpContent ManifestContent(byte[] body, string mediaType = OciManifest)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    public static async Task<string> ManifestAsync(HttpClient client, string repository, string reference, byte[] body, string mediaType = OciManifest)
    {
        using var response = await client.PutAsync($"/v2/{repository}/manifests/{reference}", ManifestContent(body, mediaType));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return DigestOf(body);
    }

    /// <summary>An OCI index over child manifests given as (media type, digest, size).</summary>
    public static byte[] Index(params (string MediaType, string Digest, long Size)[] children) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciIndex,
            ["manifests"] = new JsonArray(children.Select(c => (JsonNode)new JsonObject { ["mediaType"] = c.MediaType, ["digest"] = c.Digest, ["size"] = c.Size }).ToArray()),
        }.ToJsonString());

    /// <summary>The error code of an OCI error body.</summary>
    public static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["errors"]![0]!["code"]!.GetValue<string>();
    }
}
