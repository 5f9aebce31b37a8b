using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Charts;

/// <summary>
/// Syncs an Imported chart group from its third-party repository (spec.importedInfo): reads the
/// remote index.yaml with the group's credentials, downloads every version that is not already
/// stored with the same digest (URLs resolved against the repository's address), checks each
/// archive like an upload and stores it. Archives that fail are skipped and named in the group's
/// status; the credentials go only to the repository's own host.
/// </summary>
public sealed class ChartGroupImporter(ChartRepositories repositories, HttpClient http, TimeProvider clock, ILogger logger)
{
    private const int MaxIndexChars = 32 * 1024 * 1024;

    public async Task<ChartImportResult> SyncAsync(ChartGroup group, CancellationToken cancellationToken)
    {
        var result = await FetchAsync(group, cancellationToken);
        var (phase, reason, message) = result switch
        {
            { Failure: { } failure } => ("Failed", "SyncFailed", failure),
            { Skipped.Count: > 0 } => ("Available", "SyncedWithErrors",
                $"synced {result.Imported + result.Unchanged} chart versions; skipped {result.Skipped.Count}: {string.Join("; ", result.Skipped)}"),
            _ => ("Available", "Synced", $"synced {result.Imported + result.Unchanged} chart versions"),
        };
        await repositories.Objects.SetSyncOutcomeAsync(group, phase, reason, Truncate(message), clock, cancellationToken);
        return result;
    }

    private async Task<ChartImportResult> FetchAsync(ChartGroup group, CancellationToken cancellationToken)
    {
        var info = group.Spec.ImportedInfo;
        if (group.Spec.Type != RepoTypes.Imported || info is null || !Uri.TryCreate(info.Addr, UriKind.Absolute, out var addr))
        {
            return new ChartImportResult(0, 0, [], "the chart group is not imported from a repository address");
        }

        var repository = new Uri(addr.AbsoluteUri.EndsWith('/') ? addr.AbsoluteUri : addr.AbsoluteUri + "/");
        AuthenticationHeaderValue? credentials;
        try
        {
            credentials = Credentials(info);
        }
        catch (FormatException)
        {
            return new ChartImportResult(0, 0, [], "spec.importedInfo.password is not base64-encoded");
        }

        IReadOnlyList<RemoteChartVersion> remote;
        try
        {
            using var response = await SendAsync(new Uri(repository, "index.yaml"), repository, credentials, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new ChartImportResult(0, 0, [], $"reading {repository}index.yaml: {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            remote = text.Length > MaxIndexChars ? throw new FormatException("index.yaml is too large") : RemoteChartIndex.Parse(text);
        }
        catch (Exception e) when (e is HttpRequestException or FormatException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ChartImportResult(0, 0, [], $"reading {repository}index.yaml: {e.Message}");
        }

        var index = repositories.IndexOf(group);
        int imported = 0, unchanged = 0;
        var skipped = new List<string>();
        foreach (var version in remote)
        {
            var label = $"{version.Name}-{version.Version}";
            var local = (await index.SnapshotAsync(cancellationToken)).Find(version.Name, version.Version);
            if (local is not null && version.Digest is { } d && string.Equals(local.Digest, d, StringComparison.OrdinalIgnoreCase))
            {
                unchanged++;
                continue;
            }

            try
            {
                await ImportAsync(group, repository, credentials, version, cancellationToken);
                imported++;
            }
            catch (Exception e) when (e is ChartArchiveException or ChartTooLargeException or HttpRequestException or UriFormatException
                                          || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                logger.LogWarning("chart {Chart} from {Repository} skipped: {Reason}", label, repository, e.Message);
                skipped.Add($"{label}: {e.Message}");
            }
        }

        return new ChartImportResult(imported, unchanged, skipped, null);
    }

    private async Task ImportAsync(ChartGroup group, Uri repository, AuthenticationHeaderValue? credentials, RemoteChartVersion version, CancellationToken cancellationToken)
    {
        if (version.Urls.Count == 0)
        {
            throw new ChartArchiveException("the index lists no URL");
        }

        var url = new Uri(repository, version.Urls[0]);
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ChartArchiveException($"URL {url} is not http or https");
        }

        using var response = await SendAsync(url, repository, credentials, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {url}: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var archive = await repositories.ReceiveAsync(group, body, cancellationToken);
        if (version.Digest is { Length: > 0 } digest && !string.Equals(digest, archive.Digest, StringComparison.OrdinalIgnoreCase))
        {
            throw new ChartArchiveException($"archive digest {archive.Digest} does not match the index's {digest}");
        }

        // The remote repository is the source of truth: a changed archive replaces the stored one.
        await repositories.StoreAsync(group, archive, force: true, (version.Name, version.Version), null, cancellationToken);
    }

    private Task<HttpResponseMessage> SendAsync(Uri url, Uri repository, AuthenticationHeaderValue? credentials, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (credentials is not null && Uri.Compare(url, repository, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            request.Headers.Authorization = credentials;
        }

        return http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Basic credentials from spec.importedInfo; TKEStack stores the password base64-encoded.</summary>
    private static AuthenticationHeaderValue? Credentials(ChartGroupImport info)
    {
        if (string.IsNullOrEmpty(info.Username))
        {
            return null;
        }

        var password = string.IsNullOrEmpty(info.Password) ? "" : Encoding.UTF8.GetString(Convert.FromBase64String(info.Password));
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{info.Username}:{password}")));
    }

    private static string Truncate(string message) => message.Length <= 4096 ? message : message[..4093] + "...";
}
