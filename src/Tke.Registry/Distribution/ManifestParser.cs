using System.Text.Json;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>
/// Validates a manifest body (Docker v2 schema 2, manifest list, OCI image manifest, OCI index)
/// and lists what it references. Errors are messages for MANIFEST_INVALID.
/// </summary>
public static class ManifestParser
{
    public static ParsedManifest Parse(ReadOnlySpan<byte> body, string? contentType, out string? error)
    {
        error = null;
        JsonDocument document;
        try
        {
            var bytes = body.ToArray();
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            error = $"manifest is not valid JSON: {ex.Message}";
            return Invalid;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "manifest must be a JSON object";
                return Invalid;
            }

            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 2)
            {
                error = "schemaVersion must be 2";
                return Invalid;
            }

            var declared = root.TryGetProperty("mediaType", out var mt) && mt.ValueKind == JsonValueKind.String ? mt.GetString() : null;
            var header = contentType is null ? null : contentType.Split(';')[0].Trim();
            if (string.IsNullOrEmpty(header) || header is "application/json" or "application/octet-stream")
            {
                header = null;
            }

            if (header is not null && declared is not null && header != declared)
            {
                error = $"Content-Type {header} does not match the manifest's mediaType {declared}";
                return Invalid;
            }

            // OCI lets mediaType be absent: then the body's shape decides.
            var mediaType = header ?? declared ?? (root.TryGetProperty("manifests", out _) ? ManifestMediaTypes.OciIndex : ManifestMediaTypes.OciManifest);
            if (!ManifestMediaTypes.IsSupported(mediaType))
            {
                error = $"unsupported manifest media type {mediaType}";
                return Invalid;
            }

            var references = new List<ManifestReference>();
            long referencedSize = 0;
            string? artifactType = root.TryGetProperty("artifactType", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null;
            if (ManifestMediaTypes.IsIndex(mediaType))
            {
                if (!root.TryGetProperty("manifests", out var manifests) || manifests.ValueKind != JsonValueKind.Array)
                {
                    error = "an index needs a manifests array";
                    return Invalid;
                }

                foreach (var child in manifests.EnumerateArray())
                {
                    if (!TryDescriptor(child, "manifests[]", out var digest, out var size, out _, out error))
                    {
                        return Invalid;
                    }

                    references.Add(new ManifestReference(digest, IsManifest: true, size));
                    referencedSize += size;
                }
            }
            else
            {
                if (!root.TryGetProperty("config", out var config) || !TryDescriptor(config, "config", out var configDigest, out var configSize, out var configType, out error))
                {
                    error ??= "an image manifest needs a config descriptor";
                    return Invalid;
                }

                references.Add(new ManifestReference(configDigest, IsManifest: false, configSize));
                referencedSize += configSize;
                artifactType ??= configType;
                if (root.TryGetProperty("layers", out var layers))
                {
                    if (layers.ValueKind != JsonValueKind.Array)
                    {
                        error = "layers must be an array";
                        return Invalid;
                    }

                    foreach (var layer in layers.EnumerateArray())
                    {
                        if (!TryDescriptor(layer, "layers[]", out var digest, out var size, out var layerType, out error))
                        {
                            return Invalid;
                        }

                        referencedSize += size;
                        if (!ManifestMediaTypes.IsForeignLayer(layerType))
                        {
                            references.Add(new ManifestReference(digest, IsManifest: false, size));
                        }
                    }
                }
                else if (mediaType == ManifestMediaTypes.DockerManifest)
                {
                    error = "a Docker image manifest needs layers";
                    return Invalid;
                }
            }

            Digest? subject = null;
            if (root.TryGetProperty("subject", out var subjectElement))
            {
                if (!TryDescriptor(subjectElement, "subject", out var subjectDigest, out _, out _, out error))
                {
                    return Invalid;
                }

                subject = subjectDigest;
            }

            // One content has one size: a second descriptor of it with another size is a broken manifest.
            if (references.GroupBy(r => r.Digest).FirstOrDefault(g => g.Select(r => r.Size).Distinct().Skip(1).Any()) is { } conflicting)
            {
                error = $"the descriptors of {conflicting.Key} give different sizes ({string.Join(", ", conflicting.Select(r => r.Size).Distinct())})";
                return Invalid;
            }

            var annotations = root.TryGetProperty("annotations", out var a) && a.ValueKind == JsonValueKind.Object ? a.GetRawText() : null;
            return new ParsedManifest(mediaType, references.DistinctBy(r => r.Digest).ToList(), referencedSize, artifactType, subject, annotations);
        }
    }

    private static readonly ParsedManifest Invalid = new("", [], 0, null, null, null);

    private static bool TryDescriptor(JsonElement element, string where, out Digest digest, out long size, out string? mediaType, out string? error)
    {
        digest = default;
        size = 0;
        mediaType = null;
        error = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"{where} must be a descriptor object";
            return false;
        }

        if (!element.TryGetProperty("digest", out var d) || d.ValueKind != JsonValueKind.String || !Digest.TryParse(d.GetString(), out var parsed))
        {
            error = $"{where} has a missing or unsupported digest (sha256 and sha512 are stored)";
            return false;
        }

        if (!element.TryGetProperty("size", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out size) || size < 0)
        {
            error = $"{where} {parsed} needs a non-negative size";
            return false;
        }

        mediaType = element.TryGetProperty("mediaType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        digest = parsed.Value;
        return true;
    }
}
