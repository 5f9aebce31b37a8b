using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tke.Registry.Charts;

/// <summary>
/// A chart's provenance file (&lt;name&gt;-&lt;version&gt;.tgz.prov), as `helm package --sign` writes
/// it: a PGP clear-signed message whose signed text is the chart's Chart.yaml, a "..." line, and
/// "files:" with the archive's sha256. The server checks its shape and reads which archive it
/// signs; it cannot check the signature (no keyring here), which `helm pull --verify` does.
/// </summary>
public sealed partial class ProvenanceFile
{
    public const string Extension = ".prov";
    public const string ContentType = "application/pgp-signature";

    private const string MessageHeader = "-----BEGIN PGP SIGNED MESSAGE-----";
    private const string SignatureHeader = "-----BEGIN PGP SIGNATURE-----";
    private const string SignatureFooter = "-----END PGP SIGNATURE-----";

    private ProvenanceFile(byte[] content, string chartName, string chartVersion, string archiveDigest)
    {
        Content = content;
        ChartName = chartName;
        ChartVersion = chartVersion;
        ArchiveDigest = archiveDigest;
    }

    /// <summary>The file as uploaded; it is stored byte for byte.</summary>
    public byte[] Content { get; }

    public string ChartName { get; }

    public string ChartVersion { get; }

    /// <summary>The signed sha256 of the archive, lower-case hex.</summary>
    public string ArchiveDigest { get; }

    /// <summary>The archive it signs: &lt;name&gt;-&lt;version&gt;.tgz.</summary>
    public string ArchiveFile => ChartMetadata.FileNameOf(ChartName, ChartVersion);

    public string FileName => ArchiveFile + Extension;

    /// <summary>Reads and checks a provenance file of at most <paramref name="maxBytes"/> bytes
    /// (<see cref="ProvenanceTooLargeException"/> beyond).</summary>
    public static async Task<ProvenanceFile> ReadAsync(Stream source, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, 64 * 1024));
        while (true)
        {
            var n = await source.ReadAsync(buffer.GetMemory(16 * 1024), cancellationToken);
            if (n == 0)
            {
                break;
            }

            buffer.Advance(n);
            if (buffer.WrittenCount > maxBytes)
            {
                throw new ProvenanceTooLargeException(maxBytes);
            }
        }

        return Parse(buffer.WrittenSpan.ToArray());
    }

    /// <summary>Checks that <paramref name="content"/> is a clear-signed provenance document naming a
    /// chart archive; <see cref="ProvenanceFileException"/> says what is wrong.</summary>
    public static ProvenanceFile Parse(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            throw new ProvenanceFileException("not UTF-8 text");
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines[0].TrimEnd() != MessageHeader)
        {
            throw new ProvenanceFileException($"does not begin with {MessageHeader}");
        }

        // Armor headers ("Hash: SHA512") up to the first empty line, then the signed text.
        var i = 1;
        while (i < lines.Length && lines[i].Trim().Length > 0)
        {
            i++;
        }

        var signatureAt = Array.FindIndex(lines, i, l => l.TrimEnd() == SignatureHeader);
        if (i >= lines.Length || signatureAt < 0)
        {
            throw new ProvenanceFileException($"has no {SignatureHeader} block");
        }

        var footerAt = Array.FindIndex(lines, signatureAt + 1, l => l.TrimEnd() == SignatureFooter);
        if (footerAt < 0)
        {
            throw new ProvenanceFileException($"the signature does not end with {SignatureFooter}");
        }

        if (lines.Skip(footerAt + 1).Any(l => l.Trim().Length > 0))
        {
            throw new ProvenanceFileException($"has text after {SignatureFooter}");
        }

        if (!lines[(signatureAt + 1)..footerAt].Any(l => l.Trim().Length > 0 && !l.Contains(':', StringComparison.Ordinal)))
        {
            throw new ProvenanceFileException("the signature block is empty");
        }

        // Clear-signing escapes signed lines that begin with '-' as "- -".
        var signed = lines[(i + 1)..signatureAt].Select(l => l.StartsWith("- ", StringComparison.Ordinal) ? l[2..] : l).ToArray();
        var separator = Array.FindIndex(signed, l => l.TrimEnd() == "...");
        if (separator < 0)
        {
            throw new ProvenanceFileException("the signed text has no \"...\" line between Chart.yaml and files");
        }

        var chart = Mapping(string.Join('\n', signed[..separator]), "Chart.yaml");
        var name = Scalar(chart, "name") ?? throw new ProvenanceFileException("Chart.yaml has no name");
        var version = Scalar(chart, "version") ?? throw new ProvenanceFileException("Chart.yaml has no version");
        if (name.IndexOfAny(['/', '\\']) >= 0 || version.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ProvenanceFileException("the chart name or version contains a path separator");
        }

        var archive = ChartMetadata.FileNameOf(name, version);
        var sums = Mapping(string.Join('\n', signed[(separator + 1)..]), "files");
        if (!sums.Children.TryGetValue(new YamlScalarNode("files"), out var filesNode) || filesNode is not YamlMappingNode files)
        {
            throw new ProvenanceFileException("the signed text has no files section");
        }

        var sum = Scalar(files, archive) ?? throw new ProvenanceFileException($"files does not name the chart archive {archive}");
        var digest = DigestPattern().Match(sum);
        if (!digest.Success)
        {
            throw new ProvenanceFileException($"the checksum of {archive} is not sha256:<64 hex digits>");
        }

        return new ProvenanceFile(content, name, version, digest.Groups[1].Value.ToLowerInvariant());
    }

    private static YamlMappingNode Mapping(string yaml, string what)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw new ProvenanceFileException($"the signed {what} is not a YAML mapping");
        }
        catch (YamlException e)
        {
            throw new ProvenanceFileException($"the signed {what} is not valid YAML: {e.Message}");
        }
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { Length: > 0 } s } ? s : null;

    [GeneratedRegex("^sha256:([0-9a-fA-F]{64})$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}

/// <summary>An uploaded provenance file that is not a clear-signed provenance document (400).</summary>
public sealed class ProvenanceFileException(string reason) : Exception("invalid provenance file: " + reason);

/// <summary>A provenance file over the size limit (413).</summary>
public sealed class ProvenanceTooLargeException(long limit) : Exception($"provenance file is larger than {limit} bytes");
