using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tke.ApiMachinery.Protobuf;

/// <summary>
/// Decodes a body in Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf) into the
/// JSON object the JSON encoding of the same object would be. The body is the magic "k8s\0" and a
/// runtime.Unknown whose typeMeta names the kind and whose raw field holds the typed message.
/// </summary>
public static class KubernetesProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private const string MetaPackage = "k8s.io.apimachinery.pkg.apis.meta.v1";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    /// <summary>Kinds every group version registers from meta/v1 (metav1.AddToGroupVersion), so a
    /// client sends them under its own group's apiVersion.</summary>
    private static readonly HashSet<string> MetaKinds =
        ["DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions", "GetOptions", "ListOptions", "Status", "WatchEvent"];

    /// <exception cref="ProtobufFormatException">Not the protobuf encoding, or malformed.</exception>
    /// <exception cref="UnsupportedProtobufTypeException">A kind without a schema here, or an encoding we do not read.</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body) => Decode(body, ProtoSchemaRegistry.Kubernetes);

    public static JsonObject Decode(ReadOnlySpan<byte> body, ProtoSchemaRegistry registry)
    {
        if (!body.StartsWith(Magic))
        {
            throw new ProtobufFormatException("the body does not start with the Kubernetes protobuf prefix \"k8s\\x00\"");
        }

        var envelope = ReadUnknown(body[Magic.Length..]);
        if (envelope.Kind.Length == 0 || envelope.ApiVersion.Length == 0)
        {
            throw new ProtobufFormatException("the protobuf envelope is missing apiVersion or kind");
        }

        if (envelope.ContentEncoding.Length > 0)
        {
            throw new UnsupportedProtobufTypeException($"content encoding \"{envelope.ContentEncoding}\" in a protobuf envelope is not supported");
        }

        JsonObject decoded;
        if (envelope.ContentType is "application/json")
        {
            decoded = ParseJson(envelope.Raw);
        }
        else if (envelope.ContentType is "" or MediaType)
        {
            var message = MessageFor(envelope.ApiVersion, envelope.Kind, registry)
                ?? throw new UnsupportedProtobufTypeException($"no protobuf schema for {envelope.ApiVersion}, Kind={envelope.Kind}");
            decoded = new ProtoJsonDecoder(registry).Decode(message, envelope.Raw);
        }
        else
        {
            throw new UnsupportedProtobufTypeException($"content type \"{envelope.ContentType}\" in a protobuf envelope is not supported");
        }

        // TypeMeta travels only in the envelope; put it first, where JSON writers put it.
        decoded.Remove("apiVersion");
        decoded.Remove("kind");
        var result = new JsonObject { ["apiVersion"] = envelope.ApiVersion, ["kind"] = envelope.Kind };
        foreach (var (name, value) in decoded.ToList())
        {
            decoded.Remove(name);
            result[name] = value;
        }

        return result;
    }

    /// <summary>The message of a kind, as go-to-protobuf names packages: "v1" is k8s.io.api.core.v1,
    /// "apps/v1" k8s.io.api.apps.v1, "rbac.authorization.k8s.io/v1" k8s.io.api.rbac.v1,
    /// "meta.k8s.io/v1" the apimachinery meta package.</summary>
    public static string? MessageFor(string apiVersion, string kind, ProtoSchemaRegistry registry)
    {
        var slash = apiVersion.IndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var package = group switch
        {
            "" => "k8s.io.api.core." + version,
            "meta.k8s.io" => "k8s.io.apimachinery.pkg.apis.meta." + version,
            _ when group.EndsWith(".k8s.io", StringComparison.Ordinal) => "k8s.io.api." + group[..group.IndexOf('.')] + "." + version,
            _ when !group.Contains('.') => "k8s.io.api." + group + "." + version,
            _ => null,
        };
        if (package is not null && registry.Message(package + "." + kind) is not null)
        {
            return package + "." + kind;
        }

        return MetaKinds.Contains(kind) && registry.Message(MetaPackage + "." + kind) is not null ? MetaPackage + "." + kind : null;
    }

    private static Envelope ReadUnknown(ReadOnlySpan<byte> bytes)
    {
        string apiVersion = "", kind = "", contentEncoding = "", contentType = "";
        ReadOnlySpan<byte> raw = default;
        var reader = new ProtoWireReader(bytes);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field is >= 1 and <= 4 && wire != WireType.LengthDelimited)
            {
                throw new ProtobufFormatException($"runtime.Unknown field {field} has wire type {wire}");
            }

            switch (field)
            {
                case 1:
                    var typeMeta = new ProtoWireReader(reader.ReadLengthDelimited());
                    while (!typeMeta.AtEnd)
                    {
                        var (metaField, metaWire) = typeMeta.ReadTag();
                        if (metaField is 1 or 2 && metaWire == WireType.LengthDelimited)
                        {
                            var text = Encoding.UTF8.GetString(typeMeta.ReadLengthDelimited());
                            if (metaField == 1)
                            {
                                apiVersion = text;
                            }
                            else
                            {
                                kind = text;
                            }
                        }
                        else
                        {
                            typeMeta.Skip(metaWire);
                        }
                    }

                    break;
                case 2: raw = reader.ReadLengthDelimited(); break;
                case 3: contentEncoding = Encoding.UTF8.GetString(reader.ReadLengthDelimited()); break;
                case 4: contentType = Encoding.UTF8.GetString(reader.ReadLengthDelimited()); break;
                default: reader.Skip(wire); break;
            }
        }

        return new Envelope(apiVersion, kind, raw.ToArray(), contentEncoding, contentType);
    }

    private static JsonObject ParseJson(byte[] raw)
    {
        try
        {
            return JsonNode.Parse(raw, documentOptions: new JsonDocumentOptions { MaxDepth = ProtoJsonDecoder.MaxDepth }) as JsonObject
                ?? throw new ProtobufFormatException("the embedded JSON is not an object");
        }
        catch (JsonException e)
        {
            throw new ProtobufFormatException($"the embedded JSON is not valid: {e.Message}");
        }
    }

    private sealed record Envelope(string ApiVersion, string Kind, byte[] Raw, string ContentEncoding, string ContentType);
}
