using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Tke.Benchmarks;

/// <summary>
/// Distinct OCI image manifests (each with its own annotation and tag) PUT by concurrent clients,
/// all referencing one config and one layer blob uploaded beforehand.
/// </summary>
public sealed class RegistryManifestPhase(RegistryEndpoint endpoint)
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    public async Task<double> RunAsync(int manifests, int clients, CancellationToken cancellationToken)
    {
        using var client = new RegistryHttpClient(endpoint, clients);
        var repository = endpoint.Repository("manifests");
        var config = await UploadAsync(client, repository, Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"), cancellationToken);
        var layer = await UploadAsync(client, repository, RandomNumberGenerator.GetBytes(1024), cancellationToken);

        // One request first, so the token is fetched before the clock starts.
        await PutAsync(client, repository, -1, config, layer, cancellationToken);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < manifests)
            {
                await PutAsync(client, repository, i, config, layer, cancellationToken);
            }
        }, cancellationToken)));
        return manifests / clock.Elapsed.TotalSeconds;
    }

    private static async Task PutAsync(RegistryHttpClient client, string repository, int i, (string Digest, int Size) config, (string Digest, int Size) layer, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"{ManifestType}\",\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{config.Digest}\",\"size\":{config.Size}}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{layer.Digest}\",\"size\":{layer.Size}}}],\"annotations\":{{\"bench.index\":\"{i}\"}}}}");
        var tag = i < 0 ? "warm" : $"t{i}";
        using var response = await client.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Put, $"/v2/{repository}/manifests/{tag}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(ManifestType) } },
        }, cancellationToken);
        RegistryBlobPhase.Expect(response, HttpStatusCode.Created, $"PUT manifest {tag}");
    }

    private static async Task<(string Digest, int Size)> UploadAsync(RegistryHttpClient client, string repository, byte[] content, CancellationToken cancellationToken)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        using var started = await client.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/") { Content = new ByteArrayContent([]) }, cancellationToken);
        RegistryBlobPhase.Expect(started, HttpStatusCode.Accepted, "start an upload");
        var location = started.Headers.Location!.OriginalString;
        var separator = location.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        using var finished = await client.SendAsync(repository, () => new HttpRequestMessage(HttpMethod.Put, new Uri(client.Http.BaseAddress!, location + separator + "digest=" + Uri.EscapeDataString(digest)))
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, cancellationToken);
        RegistryBlobPhase.Expect(finished, HttpStatusCode.Created, "finish an upload");
        return (digest, content.Length);
    }
}
