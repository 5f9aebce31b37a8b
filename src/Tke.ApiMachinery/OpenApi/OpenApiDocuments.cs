using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>
/// The OpenAPI documents the server publishes, rendered once from the kind catalog at start-up:
/// the /openapi/v3 index, one OpenAPI 3.0 document per group-version, and the Swagger 2.0 document
/// of /openapi/v2 as JSON and as gnostic protobuf.
/// </summary>
public sealed class OpenApiDocuments
{
    public const string JsonContentType = "application/json";

    /// <summary>
    /// The Content-Type of the protobuf /openapi/v2 response. client-go asks for it (Accept) under its older
    /// name with '@' (<see cref="ProtobufDeprecatedMediaType"/>), but Go's MIME parser rejects '@' in a
    /// response Content-Type, so kube-apiserver answers both names with this one and so must we.
    /// </summary>
    public const string ProtobufContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>The name client-go's OpenAPISchema() puts in Accept (alone) for /openapi/v2; serve <see cref="V2Protobuf"/> for it.</summary>
    public const string ProtobufDeprecatedMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FrozenDictionary<string, V3Document> _v3;

    public OpenApiDocuments(KindCatalog catalog, OpenApiInfo? info = null)
    {
        info ??= OpenApiInfo.Default;

        var v3 = new Dictionary<string, V3Document>(StringComparer.Ordinal);
        var index = new JsonObject();
        var groupVersions = catalog.Kinds
            .GroupBy(k => GroupVersionPath(k.Group, k.Version), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var groupVersion in groupVersions)
        {
            var json = Serialize(OpenApiV3Writer.Write([.. groupVersion], info));
            var hash = Hash(json);
            v3[groupVersion.Key] = new V3Document(json, hash);
            index[groupVersion.Key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{groupVersion.Key}?hash={hash}" };
        }

        _v3 = v3.ToFrozenDictionary(StringComparer.Ordinal);
        V3Index = Serialize(new JsonObject { ["paths"] = index });

        var v2 = SwaggerV2Writer.Write([.. catalog.Kinds], info);
        V2Json = Serialize(v2);
        V2Protobuf = SwaggerProtobufEncoder.Encode(v2);
        V2Hash = Hash(V2Json);
        V2ProtobufHash = Hash(V2Protobuf);
    }

    /// <summary>The /openapi/v3 discovery document: each group-version's document URL, carrying its hash.</summary>
    public byte[] V3Index { get; }

    /// <summary>The keys of the v3 index, e.g. "apis/platform.tkestack.io/v1".</summary>
    public IReadOnlyCollection<string> V3Paths => _v3.Keys;

    /// <summary>The Swagger 2.0 document as JSON.</summary>
    public byte[] V2Json { get; }

    /// <summary>The Swagger 2.0 document as gnostic's openapi.v2.Document protobuf message.</summary>
    public byte[] V2Protobuf { get; }

    /// <summary>Upper-case hex SHA-512 of <see cref="V2Json"/>; kube-apiserver's ETag is this, quoted.</summary>
    public string V2Hash { get; }

    /// <summary>Upper-case hex SHA-512 of <see cref="V2Protobuf"/>, the ETag of the protobuf form.</summary>
    public string V2ProtobufHash { get; }

    /// <summary>"apis/&lt;group&gt;/&lt;version&gt;" ("api/v1" for the legacy group), the key of the v3 index and URLs.</summary>
    public static string GroupVersionPath(string group, string version) =>
        group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    /// <summary>The OpenAPI 3.0 document of a group-version and its hash (upper-case hex SHA-512, as in the index URL).</summary>
    /// <param name="groupVersionPath">"apis/&lt;group&gt;/&lt;version&gt;", with or without a leading slash.</param>
    public bool TryGetV3(string groupVersionPath, out byte[] json, out string hash)
    {
        if (_v3.TryGetValue(groupVersionPath.Trim('/'), out var document))
        {
            json = document.Json;
            hash = document.Hash;
            return true;
        }

        json = [];
        hash = "";
        return false;
    }

    private static byte[] Serialize(JsonObject document)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            document.WriteTo(writer);
        }

        return stream.ToArray();
    }

    private static string Hash(byte[] bytes) => Convert.ToHexString(SHA512.HashData(bytes));

    private sealed record V3Document(byte[] Json, string Hash);
}
