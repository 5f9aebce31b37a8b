using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Protobuf;

namespace Tke.ApiMachinery.Http;

/// <summary>Reads a request body with kube-apiserver's size limit and decodes JSON, YAML or Kubernetes protobuf.</summary>
public static class RequestBody
{
    /// <summary>3 MiB, kube-apiserver's limit for a request body.</summary>
    public const long MaxBytes = 3 * 1024 * 1024;

    public static async ValueTask<byte[]> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBytes)
        {
            throw StatusError.RequestEntityTooLarge(MaxBytes);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, MaxBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MaxBytes)
            {
                throw StatusError.RequestEntityTooLarge(MaxBytes);
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes a body as JSON, YAML for YAML media types, or Kubernetes protobuf (into the
    /// same JSON); bad syntax is a 400, a protobuf kind without a schema a 415.</summary>
    public static JsonNode? Decode(byte[] body, string mediaType)
    {
        if (body.Length == 0)
        {
            throw StatusError.BadRequest("the request body is empty");
        }

        if (mediaType == MediaTypes.Protobuf)
        {
            try
            {
                return KubernetesProtobuf.Decode(body);
            }
            catch (ProtobufFormatException e)
            {
                throw StatusError.BadRequest($"the request body is not valid Kubernetes protobuf: {e.Message}");
            }
            catch (UnsupportedProtobufTypeException e)
            {
                throw StatusError.UnsupportedMediaType($"{MediaTypes.Protobuf}: {e.Message}");
            }
        }

        if (mediaType is MediaTypes.Yaml or "text/yaml" or MediaTypes.ApplyPatch)
        {
            try
            {
                return YamlJson.Parse(Encoding.UTF8.GetString(body));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw StatusError.BadRequest($"error converting YAML to JSON: yaml: line {e.Start.Line}: {e.Message}");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException)
            {
                // The YAML scanner reports some malformed input with these rather than YamlException.
                throw StatusError.BadRequest($"error converting YAML to JSON: {e.Message}");
            }
        }

        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 100 });
        }
        catch (JsonException e)
        {
            throw StatusError.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
    }
}
