using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Printing;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Http;

/// <summary>Writes objects, lists and errors in the negotiated representation.</summary>
public sealed class ResponseWriter(TimeProvider clock)
{
    private static ReadOnlySpan<byte> ItemsOpen => ",\"items\":["u8;

    public static async Task WriteStatusAsync(HttpContext context, StatusError error)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return;
        }

        response.StatusCode = error.Code;
        var body = error.ToStatus().ToJsonString(ApiJson.Options);
        if (MediaTypes.Negotiate(context.Request.Headers.Accept).Format == OutputFormat.Yaml)
        {
            response.ContentType = MediaTypes.Yaml;
            await response.WriteAsync(YamlJson.Write(Encoding.UTF8.GetBytes(body)), context.RequestAborted);
            return;
        }

        response.ContentType = MediaTypes.Json;
        await response.WriteAsync(body, context.RequestAborted);
    }

    public static async Task WriteJsonBytesAsync(HttpContext context, byte[] json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    public async Task WriteObjectAsync(HttpContext context, OutputChoice output, StoredItem item, IncludeObject include, bool revealSecrets, int status = 200)
    {
        var response = context.Response;
        switch (output.Format)
        {
            case OutputFormat.Table:
                response.StatusCode = status;
                await WriteBufferedAsync(context, MediaTypes.Json, w => new TableWriter(item.Kind, clock).Write(w, output.MetaVersion, [item], item.Revision, null, include));
                return;
            case OutputFormat.PartialObjectMetadata:
                response.StatusCode = status;
                await WriteBufferedAsync(context, MediaTypes.Json, w => WritePartial(w, output.MetaVersion, item));
                return;
            case OutputFormat.Yaml:
                response.StatusCode = status;
                response.ContentType = MediaTypes.Yaml;
                await response.WriteAsync(YamlJson.Write(item.JsonFor(revealSecrets)), context.RequestAborted);
                return;
            default:
                await WriteJsonBytesAsync(context, item.JsonFor(revealSecrets), status);
                return;
        }
    }

    public async Task WriteListAsync(HttpContext context, OutputChoice output, KindDefinition kind, ListPage page, IncludeObject include, bool revealSecrets)
    {
        var continueToken = page.Continue?.Encode();
        switch (output.Format)
        {
            case OutputFormat.Table:
                await WriteBufferedAsync(context, MediaTypes.Json, w => new TableWriter(kind, clock).Write(w, output.MetaVersion, page.Items, page.Revision, continueToken, include));
                return;
            case OutputFormat.PartialObjectMetadata:
                await WriteBufferedAsync(context, MediaTypes.Json, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("kind", "PartialObjectMetadataList");
                    w.WriteString("apiVersion", "meta.k8s.io/" + output.MetaVersion);
                    WriteListMeta(w, page.Revision, continueToken);
                    w.WriteStartArray("items");
                    foreach (var item in page.Items)
                    {
                        WritePartial(w, output.MetaVersion, item);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return;
        }

        // The envelope's strings are all plain ASCII (group, kind, digits, base64url), so it is
        // written directly; items are the stored JSON with the resourceVersion spliced in,
        // copied without re-serialising.
        var buffer = new ArrayBufferWriter<byte>(256 + page.Items.Sum(i => i.Kv.Value.Length + 40));
        buffer.Write(Encoding.UTF8.GetBytes(
            $"{{\"apiVersion\":\"{kind.ApiVersion}\",\"kind\":\"{kind.ListKind}\",\"metadata\":{{\"resourceVersion\":\"{page.Revision.ToString(CultureInfo.InvariantCulture)}\"" +
            (continueToken is null ? "" : $",\"continue\":\"{continueToken}\"") + "}"));
        buffer.Write(ItemsOpen);
        for (var i = 0; i < page.Items.Count; i++)
        {
            if (i > 0)
            {
                buffer.Write(","u8);
            }

            var kv = page.Items[i].Kv;
            if (kind.RewritesApiVersion)
            {
                buffer.Write(page.Items[i].Json);
            }
            else if (revealSecrets || !kind.HasSensitiveFields)
            {
                StoredObjectCodec.Write(buffer, kv.Value.Span, kv.ModRevision);
            }
            else
            {
                buffer.Write(page.Items[i].RedactedJson);
            }
        }

        buffer.Write("]}"u8);
        if (output.Format == OutputFormat.Yaml)
        {
            context.Response.ContentType = MediaTypes.Yaml;
            await context.Response.WriteAsync(YamlJson.Write(buffer.WrittenSpan), context.RequestAborted);
            return;
        }

        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    public static void WriteListMeta(Utf8JsonWriter w, long revision, string? continueToken)
    {
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", revision.ToString(CultureInfo.InvariantCulture));
        if (continueToken is not null)
        {
            w.WriteString("continue", continueToken);
        }

        w.WriteEndObject();
    }

    public static void WritePartial(Utf8JsonWriter w, string metaVersion, StoredItem item)
    {
        w.WriteStartObject();
        w.WriteString("kind", "PartialObjectMetadata");
        w.WriteString("apiVersion", "meta.k8s.io/" + metaVersion);
        w.WritePropertyName("metadata");
        JsonSerializer.Serialize(w, item.Object.Metadata, ApiJson.Options);
        w.WriteEndObject();
    }

    public static async Task WriteBufferedAsync(HttpContext context, string contentType, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
