using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.Audit;

/// <summary>
/// GET <see cref="Path"/>: audit records as an audit.k8s.io/v1 EventList, newest first, filtered by
/// the parameters <see cref="AuditQueryParser"/> reads and paged with limit/continue. Callers
/// confined to a tenant see only that tenant's records. Whether the caller may read audit records
/// at all is the router's authorization decision.
/// </summary>
public sealed class AuditListEndpoint(IAuditReader reader)
{
    public const string Path = "/apis/audit.tkestack.io/v1/events";

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        try
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                throw StatusError.MethodNotSupported("events", context.Request.Method);
            }

            var query = AuditQueryParser.Parse(context.Request.Query, user);
            var page = query is null ? new AuditPage([], null) : reader.Query(query);
            await ResponseWriter.WriteJsonBytesAsync(context, Serialize(page));
        }
        catch (StatusError e)
        {
            await ResponseWriter.WriteStatusAsync(context, e);
        }
    }

    // Items are written as stored, so listing never re-encodes the events.
    private static byte[] Serialize(AuditPage page)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("apiVersion", AuditRecord.ApiVersionValue);
            json.WriteString("kind", "EventList");
            json.WriteStartObject("metadata");
            if (page.Continue is not null)
            {
                json.WriteString("continue", page.Continue);
            }

            json.WriteEndObject();
            json.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                json.WriteRawValue(item, skipInputValidation: true);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
