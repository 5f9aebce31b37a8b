using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Tke.Registry.Apis.ChartGroups;

namespace Tke.Registry.Charts;

/// <summary>
/// The multipart/form-data body of a ChartMuseum upload (what helm-push sends): the chart archive
/// in field "chart", streamed to a temporary file, and its provenance file in field "prov", read
/// into memory (it is small). Either may be missing; other fields and repeats are skipped.
/// Disposing it removes the archive's temporary file unless it was stored.
/// </summary>
public sealed class ChartUploadForm : IAsyncDisposable
{
    public const string ChartField = "chart";
    public const string ProvenanceField = "prov";

    private ChartUploadForm()
    {
    }

    public ReceivedArchive? Chart { get; private set; }

    public ProvenanceFile? Provenance { get; private set; }

    public static bool IsMultipart(HttpRequest request, out MediaTypeHeaderValue? mediaType) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out mediaType)
        && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the form; with <paramref name="acceptChart"/> false a "chart" field is skipped
    /// (the provenance-only route).</summary>
    public static async Task<ChartUploadForm> ReadAsync(HttpRequest request, MediaTypeHeaderValue mediaType, ChartRepositories repositories, ChartGroup group, bool acceptChart, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new ChartArchiveException("multipart/form-data body without a boundary");
        }

        var form = new ChartUploadForm();
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var field = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
                    : null;
                if (acceptChart && field == ChartField && form.Chart is null)
                {
                    form.Chart = await repositories.ReceiveAsync(group, section.Body, cancellationToken);
                }
                else if (field == ProvenanceField && form.Provenance is null)
                {
                    form.Provenance = await ProvenanceFile.ReadAsync(section.Body, repositories.Options.MaxProvenanceBytes, cancellationToken);
                }
                else
                {
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                }
            }
        }
        catch
        {
            await form.DisposeAsync();
            throw;
        }

        return form;
    }

    public async ValueTask DisposeAsync()
    {
        if (Chart is { } chart)
        {
            await chart.DisposeAsync();
        }
    }
}
