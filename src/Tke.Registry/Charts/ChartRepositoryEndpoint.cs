using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Tke.Registry.Access;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Distribution;

namespace Tke.Registry.Charts;

/// <summary>
/// The chart repositories over HTTP, at TKEStack's paths: the Helm repository
/// (/chart/&lt;group&gt;/index.yaml, charts/&lt;name&gt;-&lt;version&gt;.tgz and its .tgz.prov) and
/// the ChartMuseum API that the helm-push plugin calls (/chart/api/&lt;group&gt;/charts...,
/// /chart/api/&lt;group&gt;/prov), with ChartMuseum's JSON answers ({"saved":true},
/// {"error":"..."}). The registry authenticates by itself through <see cref="IRegistryAccess"/>;
/// the chart group's name is the repository being authorized, in the tenant the access seam
/// resolves. Each archive downloaded in full is published to <paramref name="pulls"/> as a pull
/// of its chart (repository: the group's name, tag: the chart's name), counted off the request path.
/// </summary>
public sealed class ChartRepositoryEndpoint(ChartRepositories repositories, IRegistryAccess access, ILogger logger, RepositoryEventQueue? pulls = null)
{
    private const string ArchiveContentType = "application/x-tar";

    // Room for a form's framing around its files.
    private const long FormOverhead = 1024 * 1024;

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
        catch (ProvenanceFileException e)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, e.Message);
        }
        catch (ChartVersionNotFoundException e)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, e.Message);
        }
        catch (Exception e) when (e is ChartTooLargeException or ProvenanceTooLargeException)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, route.Kind == ChartRouteKind.ApiProvenance
                ? new ProvenanceTooLargeException(repositories.Options.MaxProvenanceBytes).Message
                : new ChartTooLargeException(repositories.Options.MaxArchiveBytes).Message);
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
        (ChartRouteKind.ApiCharts or ChartRouteKind.ApiProvenance, "POST") => RegistryAction.Push,
        (ChartRouteKind.ApiChartVersion, "DELETE") => RegistryAction.Delete,
        _ => null,
    };

    private Task DispatchAsync(HttpContext context, ChartRoute route, ChartGroup group, CancellationToken cancellationToken) => route.Kind switch
    {
        ChartRouteKind.Index => IndexAsync(context, group, cancellationToken),
        ChartRouteKind.Archive => ArchiveAsync(context, group, route.File!, cancellationToken),
        ChartRouteKind.Provenance => ProvenanceAsync(context, group, route.File!, cancellationToken),
        ChartRouteKind.ApiCharts when context.Request.Method == "POST" => UploadAsync(context, group, cancellationToken),
        ChartRouteKind.ApiProvenance => UploadProvenanceAsync(context, group, cancellationToken),
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
        if (snapshot.FindFile(file) is not { } entry || !File.Exists(path))
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
            return;
        }

        // Only a download that was sent in full counts.
        pulls?.Publish(new RepositoryEvent(RepositoryEventKind.Pulled, group.Spec.TenantId, group.Spec.Name, entry.Name, entry.Digest, entry.Size));
    }

    private async Task ProvenanceAsync(HttpContext context, ChartGroup group, string archiveFile, CancellationToken cancellationToken)
    {
        var notFound = $"object {group.Spec.Name}/{archiveFile}{ProvenanceFile.Extension} not found";
        if (await repositories.ProvenancePathAsync(group, archiveFile, cancellationToken) is not { } path)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, notFound);
            return;
        }

        var response = context.Response;
        response.ContentType = ProvenanceFile.ContentType;
        try
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                response.ContentLength = new FileInfo(path).Length;
                return;
            }

            await response.SendFileAsync(path, cancellationToken);
        }
        catch (FileNotFoundException) when (!response.HasStarted)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, notFound);
        }
    }

    private async Task UploadAsync(HttpContext context, ChartGroup group, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var isMultipart = ChartUploadForm.IsMultipart(request, out var mediaType);
        LimitBody(context, repositories.Options.MaxArchiveBytes + (isMultipart ? repositories.Options.MaxProvenanceBytes + FormOverhead : 0), new ChartTooLargeException(repositories.Options.MaxArchiveBytes));
        var force = request.Query.ContainsKey("force");
        if (!isMultipart)
        {
            await using var body = await repositories.ReceiveAsync(group, request.Body, cancellationToken);
            await StoreAsync(context, group, body, null, force, cancellationToken);
            return;
        }

        await using var form = await ChartUploadForm.ReadAsync(request, mediaType!, repositories, group, acceptChart: true, cancellationToken);
        if (form.Chart is { } archive)
        {
            await StoreAsync(context, group, archive, form.Provenance, force, cancellationToken);
        }
        else if (form.Provenance is { } provenance)
        {
            await StoreProvenanceAsync(context, group, provenance, force, cancellationToken);
        }
        else
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"no package or provenance file found in form fields {ChartUploadForm.ChartField} and {ChartUploadForm.ProvenanceField}");
        }
    }

    /// <summary>POST /chart/api/&lt;group&gt;/prov: a provenance file alone, as the raw body or the
    /// form field "prov", for a version already stored.</summary>
    private async Task UploadProvenanceAsync(HttpContext context, ChartGroup group, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var limit = repositories.Options.MaxProvenanceBytes;
        var isMultipart = ChartUploadForm.IsMultipart(request, out var mediaType);
        LimitBody(context, limit + (isMultipart ? FormOverhead : 0), new ProvenanceTooLargeException(limit));
        ProvenanceFile? provenance;
        if (isMultipart)
        {
            await using var form = await ChartUploadForm.ReadAsync(request, mediaType!, repositories, group, acceptChart: false, cancellationToken);
            provenance = form.Provenance;
        }
        else
        {
            provenance = await ProvenanceFile.ReadAsync(request.Body, limit, cancellationToken);
        }

        if (provenance is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"no provenance file found in form field {ChartUploadForm.ProvenanceField}");
            return;
        }

        await StoreProvenanceAsync(context, group, provenance, request.Query.ContainsKey("force"), cancellationToken);
    }

    private async Task StoreAsync(HttpContext context, ChartGroup group, ReceivedArchive archive, ProvenanceFile? provenance, bool force, CancellationToken cancellationToken)
    {
        var entry = await repositories.StoreAsync(group, archive, force, null, provenance, cancellationToken);
        logger.LogInformation("chart {Chart} {Version} stored in {Tenant}/{Group}{Provenance}", entry.Name, entry.Version, group.Spec.TenantId, group.Spec.Name, provenance is null ? "" : " with its provenance file");
        await SavedAsync(context);
    }

    private async Task StoreProvenanceAsync(HttpContext context, ChartGroup group, ProvenanceFile provenance, bool force, CancellationToken cancellationToken)
    {
        await repositories.StoreProvenanceAsync(group, provenance, force, cancellationToken);
        logger.LogInformation("provenance file of chart {Chart} {Version} stored in {Tenant}/{Group}", provenance.ChartName, provenance.ChartVersion, group.Spec.TenantId, group.Spec.Name);
        await SavedAsync(context);
    }

    private static Task SavedAsync(HttpContext context) => JsonAsync(context, StatusCodes.Status201Created, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("saved", true);
        w.WriteEndObject();
    });

    /// <summary>Caps the request body at <paramref name="limit"/> bytes; a declared length beyond it is refused at once.</summary>
    private static void LimitBody(HttpContext context, long limit, Exception tooLarge)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            // The body is refused unread, so the connection cannot carry another request.
            context.Response.Headers.Connection = "close";
            throw tooLarge;
        }
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
