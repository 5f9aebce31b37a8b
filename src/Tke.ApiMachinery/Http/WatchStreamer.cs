using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Printing;
using Tke.ApiMachinery.Store;
using Tke.Storage;

namespace Tke.ApiMachinery.Http;

/// <summary>
/// Serves ?watch=1 as a stream of newline-separated watch events ({"type":..,"object":..}),
/// with the initial state as ADDED events when no resourceVersion is given, periodic
/// BOOKMARK events when asked for, and an ERROR event if the watch is cut short.
/// </summary>
public sealed class WatchStreamer(TimeProvider clock, TimeSpan bookmarkInterval, CancellationToken stopping)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public async Task StreamAsync(HttpContext context, ResourceStore store, string? ns, ListQuery query, OutputChoice output, IncludeObject include, bool revealSecrets)
    {
        var q = context.Request.Query;
        var bookmarks = QueryOptions.Flag(q, "allowWatchBookmarks");
        var timeoutSeconds = QueryOptions.Integer(q, "timeoutSeconds");
        var timeout = timeoutSeconds is > 0 ? TimeSpan.FromSeconds(timeoutSeconds.Value) : DefaultTimeout;
        var sendInitial = query.ResourceVersion == 0 || QueryOptions.Flag(q, "sendInitialEvents");

        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        lifetime.CancelAfter(timeout);
        var token = lifetime.Token;

        // Read the starting state before the response starts, so a too-old revision is a plain 410.
        IReadOnlyList<StoredItem> initial = [];
        var from = query.ResourceVersion;
        if (sendInitial)
        {
            var page = await store.ListAsync(ns, query with { Limit = 0, Continue = null, Match = ResourceVersionMatch.Latest, ResourceVersion = 0 }, token);
            initial = page.Items;
            from = page.Revision;
        }
        else if (from < store.Storage.CompactedRevision)
        {
            throw StatusError.Gone($"too old resource version: {from} ({store.Storage.CompactedRevision + 1})");
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = output.Format == OutputFormat.Table ? "application/json;as=Table;v=" + output.MetaVersion + ";g=meta.k8s.io" : MediaTypes.Json;
        response.Headers.CacheControl = "no-cache, private";
        var writer = response.BodyWriter;
        var table = output.Format == OutputFormat.Table ? new TableWriter(store.Kind, clock) : null;

        foreach (var item in initial)
        {
            WriteEvent(writer, "ADDED", item, output, table, include, revealSecrets);
        }

        var progress = new WatchProgress { Revision = from };
        if (sendInitial && bookmarks && QueryOptions.Flag(q, "sendInitialEvents"))
        {
            WriteBookmark(writer, store, from, initialEventsEnd: true);
        }

        await writer.FlushAsync(token);
        var events = Channel.CreateBounded<ResourceEvent>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var pump = PumpAsync(store.WatchAsync(ns, query, from, progress, token), events.Writer);
        try
        {
            while (!token.IsCancellationRequested)
            {
                var wait = events.Reader.WaitToReadAsync(token).AsTask();
                if (bookmarks)
                {
                    var finished = await Task.WhenAny(wait, Task.Delay(bookmarkInterval, clock, token));
                    if (finished != wait)
                    {
                        WriteBookmark(writer, store, progress.Revision, initialEventsEnd: false);
                        await writer.FlushAsync(token);
                        continue;
                    }
                }

                if (!await wait)
                {
                    break;
                }

                while (events.Reader.TryRead(out var e))
                {
                    WriteEvent(writer, e.Type switch
                    {
                        ResourceEventType.Added => "ADDED",
                        ResourceEventType.Modified => "MODIFIED",
                        _ => "DELETED",
                    }, e.Item, output, table, include, revealSecrets);
                }

                await writer.FlushAsync(token);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: end the stream normally, as kube-apiserver does.
        }
        catch (ChannelClosedException e) when (e.InnerException is StatusError or WatchOverflowException or RevisionCompactedException)
        {
            var error = e.InnerException as StatusError ?? StatusError.Gone(e.InnerException!.Message);
            WriteError(writer, error);
            await writer.FlushAsync(CancellationToken.None);
        }
        finally
        {
            await lifetime.CancelAsync();
            try
            {
                await pump;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task PumpAsync(IAsyncEnumerable<ResourceEvent> source, ChannelWriter<ResourceEvent> target)
    {
        try
        {
            await foreach (var e in source)
            {
                await target.WriteAsync(e);
            }

            target.TryComplete();
        }
        catch (OperationCanceledException)
        {
            target.TryComplete();
        }
        catch (Exception e)
        {
            target.TryComplete(e);
        }
    }

    private static void WriteEvent(IBufferWriter<byte> writer, string type, StoredItem item, OutputChoice output, TableWriter? table, IncludeObject include, bool revealSecrets)
    {
        if (table is null && output.Format != OutputFormat.PartialObjectMetadata)
        {
            if (revealSecrets || !item.Kind.HasSensitiveFields)
            {
                writer.Write(item.EventLine(TypeIndex(type), type)); // encoded once per event, shared by all watchers
                return;
            }

            writer.Write(Encoding.ASCII.GetBytes($"{{\"type\":\"{type}\",\"object\":"));
            writer.Write(item.RedactedJson);
            writer.Write("}\n"u8);
            return;
        }

        writer.Write(Encoding.ASCII.GetBytes($"{{\"type\":\"{type}\",\"object\":"));
        using (var w = new Utf8JsonWriter(writer))
        {
            if (table is not null)
            {
                table.Write(w, output.MetaVersion, [item], item.Revision, null, include);
            }
            else
            {
                ResponseWriter.WritePartial(w, output.MetaVersion, item);
            }
        }

        writer.Write("}\n"u8);
    }

    private static int TypeIndex(string type) => type switch
    {
        "ADDED" => 0,
        "MODIFIED" => 1,
        _ => 2,
    };

    private static void WriteBookmark(IBufferWriter<byte> writer, ResourceStore store, long revision, bool initialEventsEnd)
    {
        var annotations = initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "";
        writer.Write(Encoding.ASCII.GetBytes(
            $"{{\"type\":\"BOOKMARK\",\"object\":{{\"kind\":\"{store.Kind.Kind}\",\"apiVersion\":\"{store.Kind.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{revision.ToString(CultureInfo.InvariantCulture)}\"{annotations}}}}}}}\n"));
    }

    private static void WriteError(IBufferWriter<byte> writer, StatusError error)
    {
        writer.Write("{\"type\":\"ERROR\",\"object\":"u8);
        writer.Write(Encoding.UTF8.GetBytes(error.ToStatus().ToJsonString()));
        writer.Write("}\n"u8);
    }
}
