using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>
/// The OpenAPI documents the server publishes, rendered from the kind catalog at start-up and again
/// on first use after kinds are registered or removed:
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

    private readonly KindCatalog _catalog;
    private readonly OpenApiInfo _info;
    private volatile Rendered _rendered;

    public OpenApiDocuments(KindCatalog catalog, OpenApiInfo? info = null)
    {
        _catalog = catalog;
        _info = info ?? OpenApiInfo.Default;
        _rendered = Render(catalog, _info);
    }

    /// <summary>The /openapi/v3 discovery document: each group-version's document URL, carrying its hash.</summary>
    public byte[] V3Index => Current.V3Index;

    /// <summary>The keys of the v3 index, e.g. "apis/platform.tkestack.io/v1".</summary>
    public IReadOnlyCollection<string> V3Paths => Current.V3.Keys;

    /// <summary>The Swagger 2.0 document as JSON.</summary>
    public byte[] V2Json => Current.V2.Value.Json;

    /// <summary>The Swagger 2.0 document as gnostic's openapi.v2.Document protobuf message.</summary>
    public byte[] V2Protobuf => Current.V2.Value.Protobuf;

    /// <summary>Upper-case hex SHA-512 of <see cref="V2Json"/>; kube-apiserver's ETag is this, quoted.</summary>
    public string V2Hash => Current.V2.Value.JsonHash;

    /// <summary>Upper-case hex SHA-512 of <see cref="V2Protobuf"/>, the ETag of the protobuf form.</summary>
    public string V2ProtobufHash => Current.V2.Value.ProtobufHash;

    /// <summary>"apis/&lt;group&gt;/&lt;version&gt;" ("api/v1" for the legacy group), the key of the v3 index and URLs.</summary>
    public static string GroupVersionPath(string group, string version) =>
        group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    /// <summary>The OpenAPI 3.0 document of a group-version and its hash (upper-case hex SHA-512, as in the index URL).</summary>
    /// <param name="groupVersionPath">"apis/&lt;group&gt;/&lt;version&gt;", with or without a leading slash.</param>
    public bool TryGetV3(string groupVersionPath, out byte[] json, out string hash)
    {
        if (Current.V3.TryGetValue(groupVersionPath.Trim('/'), out var document))
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

    /// <summary>The documents of the catalog as it is now, rendered again on first use after a change.</summary>
    private Rendered Current
    {
        get
        {
            var rendered = _rendered;
            if (rendered.Revision == _catalog.Revision)
            {
                return rendered;
            }

            rendered = Render(_catalog, _info);
            _rendered = rendered;
            return rendered;
        }
    }

    private static Rendered Render(KindCatalog catalog, OpenApiInfo info)
    {
        var revision = catalog.Revision; // read before the kinds: a newer catalog only causes another render
        var kinds = catalog.Kinds.ToArray();
        var v3 = new Dictionary<string, V3Document>(StringComparer.Ordinal);
        var index = new JsonObject();
        var groupVersions = kinds
            .GroupBy(k => GroupVersionPath(k.Group, k.Version), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var groupVersion in groupVersions)
        {
            var json = Serialize(OpenApiV3Writer.Write([.. groupVersion], info));
            var hash = Hash(json);
            v3[groupVersion.Key] = new V3Document(json, hash);
            index[groupVersion.Key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{groupVersion.Key}?hash={hash}" };
        }

        // The whole-server v2 document (and its protobuf form) is rendered only when asked for.
        var v2 = new Lazy<V2Document>(() =>
        {
            var document = SwaggerV2Writer.Write(kinds, info);
            var json = Serialize(document);
            var protobuf = SwaggerProtobufEncoder.Encode(document);
            return new V2Document(json, Hash(json), protobuf, Hash(protobuf));
        });
        if (revision == 0)
        {
            _ = v2.Value; // the start-up catalog renders eagerly, as before, so a broken schema fails at start
        }

        return new Rendered(revision, v3.ToFrozenDictionary(StringComparer.Ordinal), Serialize(new JsonObject { ["paths"] = index }), v2);
    }

    private sealed record V3Document(byte[] Json, string Hash);

    private sealed record V2Document(byte[] Json, string JsonHash, byte[] Protobuf, string ProtobufHash);

    private sealed record Rendered(long Revision, FrozenDictionary<string, V3Document> V3, byte[] V3Index, Lazy<V2Document> V2);
}
