using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Tke.Registry.Access;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Charts;

/// <summary>
/// The chart repositories over HTTP, at TKEStack's paths: the Helm repository
/// (/chart/&lt;group&gt;/index.yaml and charts/&lt;name&gt;-&lt;version&gt;.tgz) and the
/// ChartMuseum API that the helm-push plugin calls (/chart/api/&lt;group&gt;/charts...), with
/// ChartMuseum's JSON answers ({"saved":true}, {"error":"..."}). The registry authenticates
/// by itself through <see cref="IRegistryAccess"/>; the chart group's name is the repository
/// being authorized, in the tenant the access seam resolves.
/// </summary>
public sealed class ChartRepositoryEndpoint(ChartRepositories repositories, IRegistryAccess access, ILogger logger)
{
    private const string ArchiveContentType = "application/x-tar";
    private const string FormField = "chart";

    public static bool Accepts(HttpRequest request) => request.Path.StartsWithSegments("/chart", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var route = ChartRoute.Parse(request.Path.Value ?? "");
        if (route is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "not found");
            return;
        }

        if (ActionOf(route, request.Method) is not { } action)
        {
            await ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method not allowed");
            return;
        }

        var principal = await access.IdentifyAsync(request, cancellationToken);
        if (principal is null || (principal.IsAnonymous && action != RegistryAction.Pull))
        {
            await UnauthorizedAsync(context);
            return;
        }

        var group = await repositories.FindGroupAsync(principal.Tenant, route.Group, cancellationToken);
        if (group is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "not found");
            return;
        }

        switch (await access.AuthorizeAsync(principal, group.Spec.Name, action, cancellationToken))
        {
            case RegistryDecision.Allowed:
                break;
            case RegistryDecision.Unauthenticated:
                await UnauthorizedAsync(context);
                return;
            case RegistryDecision.Denied:
                await ErrorAsync(context, StatusCodes.Status403Forbidden, $"not allowed to {action.ToString().ToLowerInvariant()} charts of {group.Spec.Name}");
                return;
            default:
                await ErrorAsync(context, StatusCodes.Status404NotFound, "not found");
                return;
        }

        if (action != RegistryAction.Pull && group.Status?.Locked == true)
        {
            await ErrorAsync(context, StatusCodes.Status403Forbidden, $"chart group {group.Spec.Name} is locked");
            return;
        }

        try
        {
            await DispatchAsync(context, route, group, cancellationToken);
        }
        catch (ChartArchiveException e)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (ChartExistsException e)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, e.Message);
        }
        catch (ChartTooLargeException e)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"chart archive is larger than {repositories.Options.MaxArchiveBytes} bytes");
        }
        catch (InvalidDataException e)
        {
            // A malformed multipart body.
            await ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static RegistryAction? ActionOf(ChartRoute route, string method) => (route.Kind, method) switch
    {
        (_, "GET" or "HEAD") => RegistryAction.Pull,
        (ChartRouteKind.ApiCharts, "POST") => RegistryAction.Push,
        (ChartRouteKind.ApiChartVersion, "DELETE") => RegistryAction.Delete,
        _ => null,
    };

    private Task DispatchAsync(HttpContext context, ChartRoute route, ChartGroup group, CancellationToken cancellationToken) => route.Kind switch
    {
        ChartRouteKind.Index => IndexAsync(context, group, cancellationToken),
        ChartRouteKind.Archive => ArchiveAsync(context, group, route.File!, cancellationToken),
        ChartRouteKind.ApiCharts when context.Request.Method == "POST" => UploadAsync(context, group, cancellationToken),
        ChartRouteKind.ApiCharts => ListAsync(context, group, cancellationToken),
        ChartRouteKind.ApiChart => ChartAsync(context, group, route.Name!, cancellationToken),
        ChartRouteKind.ApiChartVersion when context.Request.Method == "DELETE" => DeleteAsync(context, group, route.Name!, route.Version!, cancellationToken),
        _ => VersionAsync(context, group, route.Name!, route.Version!, cancellationToken),
    };

    private async Task IndexAsync(HttpContext context, ChartGroup group, CancellationToken cancellationToken)
    {
        var snapshot = await repositories.IndexOf(group).SnapshotAsync(cancellationToken);
        var response = context.Response;
        response.ContentType = "application/x-yaml";
        response.ContentLength = snapshot.Yaml.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(snapshot.Yaml, cancellationToken);
        }
    }

    private async Task ArchiveAsync(HttpContext context, ChartGroup group, string file, CancellationToken cancellationToken)
    {
        var index = repositories.IndexOf(group);
        var snapshot = await index.SnapshotAsync(cancellationToken);
        var path = Path.Combine(index.Directory, file);
        if (snapshot.FindFile(file) is null || !File.Exists(path))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"object {group.Spec.Name}/{file} not found");
            return;
        }

        var response = context.Response;
        response.ContentType = ArchiveContentType;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            response.ContentLength = new FileInfo(path).Length;
            return;
        }

        try
        {
            await response.SendFileAsync(path, cancellationToken);
        }
        catch (FileNotFoundException) when (!response.HasStarted)
        {
            // Deleted between the lookup and the read.
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"object {group.Spec.Name}/{file} not found");
        }
    }

    private async Task UploadAsync(HttpContext context, ChartGroup group, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var limit = repositories.Options.MaxArchiveBytes;
        var isMultipart = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            // Room for the form's framing around the archive.
            bodyLimit.MaxRequestBodySize = limit + (isMultipart ? 1024 * 1024 : 0);
        }

        if (request.ContentLength > limit + (isMultipart ? 1024 * 1024 : 0))
        {
            throw new ChartTooLargeException(limit);
        }

        await using var archive = isMultipart
            ? await ReceiveFormFieldAsync(request, mediaType!, group, cancellationToken)
            : await repositories.ReceiveAsync(group, request.Body, cancellationToken);
        var entry = await repositories.StoreAsync(group, archive, request.Query.ContainsKey("force"), null, cancellationToken);
        logger.LogInformation("chart {Chart} {Version} stored in {Tenant}/{Group}", entry.Name, entry.Version, group.Spec.TenantId, group.Spec.Name);
        await JsonAsync(context, StatusCodes.Status201Created, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("saved", true);
            w.WriteEndObject();
        });
    }

    /// <summary>The "chart" field of a multipart form (what helm-push sends), streamed; other fields are skipped.</summary>
    private async Task<ReceivedArchive> ReceiveFormFieldAsync(HttpRequest request, MediaTypeHeaderValue mediaType, ChartGroup group, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new ChartArchiveException("multipart/form-data body without a boundary");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                && HeaderUtilities.RemoveQuotes(disposition.Name).Equals(FormField, StringComparison.Ordinal))
            {
                return await repositories.ReceiveAsync(group, section.Body, cancellationToken);
            }

            await section.Body.CopyToAsync(Stream.Null, cancellationToken);
        }

        throw new ChartArchiveException("no package or provenance file found in form fields chart and prov");
    }

    private async Task ListAsync(HttpContext context, ChartGroup group, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var offset = 0;
        var limit = int.MaxValue;
        if (query.TryGetValue("offset", out var o) && (!int.TryParse(o, out offset) || offset < 0))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "offset is not a valid non-negative integer");
            return;
        }

        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, out limit) || limit <= 0))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "limit is not a valid positive integer");
            return;
        }

        var snapshot = await repositories.IndexOf(group).SnapshotAsync(cancellationToken);
        await JsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            foreach (var (name, versions) in snapshot.Entries.Skip(offset).Take(limit))
            {
                w.WritePropertyName(name);
                WriteVersions(w, versions);
            }

            w.WriteEndObject();
        });
    }

    private async Task ChartAsync(HttpContext context, ChartGroup group, string name, CancellationToken cancellationToken)
    {
        var snapshot = await repositories.IndexOf(group).SnapshotAsync(cancellationToken);
        if (!snapshot.Entries.TryGetValue(name, out var versions))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "chart not found");
            return;
        }

        await JsonAsync(context, StatusCodes.Status200OK, w => WriteVersions(w, versions));
    }

    private async Task VersionAsync(HttpContext context, ChartGroup group, string name, string version, CancellationToken cancellationToken)
    {
        var snapshot = await repositories.IndexOf(group).SnapshotAsync(cancellationToken);
        var entry = version == "latest"
            ? snapshot.Entries.GetValueOrDefault(name)?.FirstOrDefault()
            : snapshot.Find(name, version);
        if (entry is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no chart version found for {name}-{version}");
            return;
        }

        await JsonAsync(context, StatusCodes.Status200OK, w => ChartIndexDocument.WriteJson(w, entry));
    }

    private async Task DeleteAsync(HttpContext context, ChartGroup group, string name, string version, CancellationToken cancellationToken)
    {
        if (!await repositories.DeleteAsync(group, name, version, cancellationToken))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"remove {group.Spec.Name}/{ChartMetadata.FileNameOf(name, version)}: no such file or directory");
            return;
        }

        logger.LogInformation("chart {Chart} {Version} deleted from {Tenant}/{Group}", name, version, group.Spec.TenantId, group.Spec.Name);
        await JsonAsync(context, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("deleted", true);
            w.WriteEndObject();
        });
    }

    private static void WriteVersions(Utf8JsonWriter writer, IReadOnlyList<ChartEntry> versions)
    {
        writer.WriteStartArray();
        foreach (var v in versions)
        {
            ChartIndexDocument.WriteJson(writer, v);
        }

        writer.WriteEndArray();
    }

    private Task UnauthorizedAsync(HttpContext context)
    {
        // helm and the helm-push plugin answer a Basic challenge with the repository's credentials.
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"chart repository\"";
        return ErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized");
    }

    private static Task ErrorAsync(HttpContext context, int status, string message) => JsonAsync(context, status, w =>
    {
        w.WriteStartObject();
        w.WriteString("error", message);
        w.WriteEndObject();
    });

    private static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
        }
    }
}
