using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Tke.Registry.Charts;

/// <summary>
/// Checks that a file is a Helm chart package, streaming it once: a gzip-compressed tar whose
/// entries all sit in one top-level directory named after the chart, with a Chart.yaml there.
/// The whole stream is read so that a damaged gzip trailer (CRC) is caught too.
/// </summary>
public static class ChartArchiveInspector
{
    public static async Task<ChartMetadata> InspectAsync(string path, ChartRepositoryOptions options, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            return await InspectAsync(file, options, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new ChartArchiveException($"not a valid chart archive (gzip-compressed tar): {e.Message}");
        }
    }

    private static async Task<ChartMetadata> InspectAsync(Stream file, ChartRepositoryOptions options, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        var reader = new TarReader(gzip, leaveOpen: true);
        string? directory = null;
        string? chartYaml = null;
        long total = 0;
        var entries = 0;
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            entries++;
            if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
            {
                continue;
            }

            var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (name.Length == 0 || name.StartsWith('/') || name.Split('/').Contains(".."))
            {
                throw new ChartArchiveException($"chart archive entry \"{entry.Name}\" has an unsafe path");
            }

            var slash = name.IndexOf('/');
            if (slash < 0 && entry.EntryType is not TarEntryType.Directory)
            {
                throw new ChartArchiveException($"chart archive has \"{name}\" outside the chart directory");
            }

            var top = slash < 0 ? name : name[..slash];
            if (directory is null)
            {
                directory = top;
            }
            else if (directory != top)
            {
                throw new ChartArchiveException($"chart archive has more than one top-level directory (\"{directory}\" and \"{top}\")");
            }

            total += Math.Max(0, entry.Length);
            if (total > options.MaxDecompressedBytes)
            {
                throw new ChartArchiveException($"chart archive expands to more than {options.MaxDecompressedBytes} bytes");
            }

            if (name == top + "/Chart.yaml" && entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                if (entry.Length > options.MaxChartYamlBytes)
                {
                    throw new ChartArchiveException($"Chart.yaml is larger than {options.MaxChartYamlBytes} bytes");
                }

                using var data = new StreamReader(entry.DataStream ?? Stream.Null, Encoding.UTF8);
                chartYaml = await data.ReadToEndAsync(cancellationToken);
            }
        }

        // Read past the tar end-of-archive blocks so the gzip CRC and length are checked.
        await gzip.CopyToAsync(Stream.Null, cancellationToken);
        if (entries == 0 || directory is null)
        {
            throw new ChartArchiveException("chart archive is empty");
        }

        if (chartYaml is null)
        {
            throw new ChartArchiveException($"chart archive has no {directory}/Chart.yaml");
        }

        var metadata = ChartYaml.Parse(chartYaml);
        if (metadata.Name != directory)
        {
            throw new ChartArchiveException($"Chart.yaml name \"{metadata.Name}\" does not match the chart directory \"{directory}\"");
        }

        return metadata;
    }
}
