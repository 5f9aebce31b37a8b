using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.Registry.Access;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>Tags list and referrers of a repository, and the tenant's catalog, with
/// <c>n</c>/<c>last</c> paging and a <c>Link: &lt;...&gt;; rel="next"</c> header while more remain.</summary>
public sealed class ListingEndpoints(RegistryStorage storage, IRegistryAccess access)
{
    private const int DefaultPage = 1000;
    private const int MaxPage = 10_000;

    public async Task TagsAsync(RepositoryRequest request)
    {
        if (!storage.Metadata.RepositoryExists(request.Repository))
        {
            await OciErrorResponse.WriteAsync(request.Context, 404, OciErrorCode.NameUnknown, "repository name not known to registry", new { name = request.Name });
            return;
        }

        if (!TryPage(request.Request, out var n, out var last, out var explicitN))
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.Unsupported, "n must be a non-negative integer");
            return;
        }

        var page = n == 0 ? [] : storage.Metadata.ListTags(request.Repository, last, n + 1);
        var more = page.Count > n;
        var tags = more ? page.Take(n).ToList() : page;
        if (more && explicitN)
        {
            SetNextLink(request.Response, $"/v2/{request.Name}/tags/list", n, tags[^1]);
        }

        await WriteJsonAsync(request.Context, "application/json", w =>
        {
            w.WriteString("name", request.Name);
            WriteStrings(w, "tags", tags);
        });
    }

    /// <summary>Repositories of the caller's tenant that the caller may pull.</summary>
    public async Task CatalogAsync(HttpContext context, RegistryPrincipal principal)
    {
        if (!TryPage(context.Request, out var n, out var last, out var explicitN))
        {
            await OciErrorResponse.WriteAsync(context, 400, OciErrorCode.Unsupported, "n must be a non-negative integer");
            return;
        }

        var visible = new List<string>();
        var more = false;
        var cursor = last;
        while (!more && n > 0)
        {
            var batch = storage.Metadata.ListRepositories(principal.Tenant, cursor, Math.Max(n, 100));
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var name in batch)
            {
                if (await access.AuthorizeAsync(principal, name, RegistryAction.Pull, context.RequestAborted) != RegistryDecision.Allowed)
                {
                    continue;
                }

                if (visible.Count == n)
                {
                    more = true;
                    break;
                }

                visible.Add(name);
            }

            cursor = batch[^1];
        }

        if (more && explicitN)
        {
            SetNextLink(context.Response, "/v2/_catalog", n, visible[^1]);
        }

        await WriteJsonAsync(context, "application/json", w => WriteStrings(w, "repositories", visible));
    }

    /// <summary>The referrers API: an OCI index of the manifests whose subject is the digest,
    /// optionally only those of one <c>artifactType</c>.</summary>
    public async Task ReferrersAsync(RepositoryRequest request)
    {
        if (!Digest.TryParse(request.Route.Reference, out var subject))
        {
            await OciErrorResponse.WriteAsync(request.Context, 400, OciErrorCode.DigestInvalid, "invalid or unsupported digest", new { digest = request.Route.Reference });
            return;
        }

        var artifactType = request.Request.Query["artifactType"].ToString();
        var referrers = storage.Metadata.Referrers(request.Repository, subject.Value);
        if (!string.IsNullOrEmpty(artifactType))
        {
            referrers = referrers.Where(r => r.ArtifactType == artifactType).ToList();
            request.Response.Headers["OCI-Filters-Applied"] = "artifactType";
        }

        await WriteJsonAsync(request.Context, ManifestMediaTypes.OciIndex, w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", ManifestMediaTypes.OciIndex);
            w.WriteStartArray("manifests");
            foreach (var referrer in referrers)
            {
                w.WriteStartObject();
                w.WriteString("mediaType", referrer.MediaType);
                w.WriteString("digest", referrer.Digest.ToString());
                w.WriteNumber("size", referrer.Body.Length);
                if (referrer.ArtifactType is not null)
                {
                    w.WriteString("artifactType", referrer.ArtifactType);
                }

                if (referrer.AnnotationsJson is not null)
                {
                    w.WritePropertyName("annotations");
                    w.WriteRawValue(referrer.AnnotationsJson);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private static bool TryPage(HttpRequest request, out int n, out string? last, out bool explicitN)
    {
        n = DefaultPage;
        last = request.Query["last"].ToString() is { Length: > 0 } l ? l : null;
        var text = request.Query["n"].ToString();
        explicitN = text.Length > 0;
        if (!explicitN)
        {
            return true;
        }

        if (!int.TryParse(text, out n) || n < 0)
        {
            return false;
        }

        n = Math.Min(n, MaxPage);
        return true;
    }

    private static void SetNextLink(HttpResponse response, string path, int n, string last) =>
        response.Headers.Link = $"<{path}?n={n}&last={Uri.EscapeDataString(last)}>; rel=\"next\"";

    private static void WriteStrings(Utf8JsonWriter writer, string property, IEnumerable<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static async Task WriteJsonAsync(HttpContext context, string contentType, Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
