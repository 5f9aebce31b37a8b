using Tke.ApiMachinery.Errors;

namespace Tke.ApiMachinery.Http;

/// <summary>The representations a response can take.</summary>
public enum OutputFormat
{
    Json,
    Yaml,
    /// <summary>meta.k8s.io Table, for `kubectl get`.</summary>
    Table,
    /// <summary>meta.k8s.io PartialObjectMetadata(List): metadata only.</summary>
    PartialObjectMetadata,
}

public readonly record struct OutputChoice(OutputFormat Format, string MetaVersion);

/// <summary>Content negotiation as kube-apiserver does it for the media types kubectl sends.</summary>
public static class MediaTypes
{
    public const string Json = "application/json";
    public const string Yaml = "application/yaml";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";

    /// <summary>Accepted for request bodies only (kubectl's typed commands send it); responses stay JSON,
    /// which clients sending protobuf also list in Accept.</summary>
    public const string Protobuf = Tke.ApiMachinery.Protobuf.KubernetesProtobuf.MediaType;

    /// <summary>Picks the first acceptable representation from the Accept header, in the client's order.</summary>
    public static OutputChoice Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return new OutputChoice(OutputFormat.Json, "v1");
        }

        foreach (var clause in accept.Split(','))
        {
            var pieces = clause.Split(';');
            var type = pieces[0].Trim().ToLowerInvariant();
            string? asKind = null, group = null, version = null;
            foreach (var p in pieces.Skip(1))
            {
                var kv = p.Split('=', 2);
                if (kv.Length != 2)
                {
                    continue;
                }

                var value = kv[1].Trim();
                switch (kv[0].Trim())
                {
                    case "as": asKind = value; break;
                    case "g": group = value; break;
                    case "v": version = value; break;
                }
            }

            if (type is "application/json" or "*/*" or "application/*")
            {
                if (asKind is null)
                {
                    return new OutputChoice(OutputFormat.Json, "v1");
                }

                if (group == "meta.k8s.io" && version is "v1" or "v1beta1")
                {
                    if (asKind == "Table")
                    {
                        return new OutputChoice(OutputFormat.Table, version!);
                    }

                    if (asKind is "PartialObjectMetadata" or "PartialObjectMetadataList")
                    {
                        return new OutputChoice(OutputFormat.PartialObjectMetadata, version!);
                    }
                }
            }
            else if (type is "application/yaml" or "text/yaml")
            {
                return new OutputChoice(OutputFormat.Yaml, "v1");
            }
        }

        throw StatusError.NotAcceptable("only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io");
    }

    /// <summary>The media type of a request body without parameters, lower-cased.</summary>
    public static string BodyType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return Json;
        }

        var semi = contentType.IndexOf(';');
        return (semi >= 0 ? contentType[..semi] : contentType).Trim().ToLowerInvariant();
    }
}
