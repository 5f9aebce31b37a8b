using System.Buffers.Text;
using System.Text.Json;

namespace Tke.Benchmarks;

/// <summary>
/// Pulls metadata.resourceVersion (and a watch event's type) out of JSON with Utf8JsonReader,
/// stopping as soon as it is found, so the client does not pay for parsing whole objects.
/// </summary>
public static class ResourceVersionScanner
{
    /// <summary>metadata.resourceVersion of an object or a list.</summary>
    public static bool TryReadObject(ReadOnlySpan<byte> json, out long resourceVersion) =>
        TryRead(json, metadataDepth: 1, out resourceVersion, out _);

    /// <summary>object.metadata.resourceVersion of one watch event line, and whether its type is ERROR.</summary>
    public static bool TryReadEvent(ReadOnlySpan<byte> line, out long resourceVersion, out bool isError) =>
        TryRead(line, metadataDepth: 2, out resourceVersion, out isError);

    /// <summary>Counts the elements of the top-level "items" array of a list.</summary>
    public static int CountItems(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var count = 0;
        var inItems = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                    inItems = reader.ValueTextEquals("items"u8);
                    break;
                case JsonTokenType.StartObject when inItems && reader.CurrentDepth == 2:
                    count++;
                    reader.Skip();
                    break;
            }
        }

        return count;
    }

    private static bool TryRead(ReadOnlySpan<byte> json, int metadataDepth, out long resourceVersion, out bool isError)
    {
        resourceVersion = 0;
        isError = false;
        var reader = new Utf8JsonReader(json);
        // The last property name seen at each depth is the key of the container being read.
        var inObject = metadataDepth == 1;
        var inMetadata = false;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var depth = reader.CurrentDepth;
            if (metadataDepth == 2 && depth == 1)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isError = reader.ValueTextEquals("ERROR"u8);
                    continue;
                }

                inObject = reader.ValueTextEquals("object"u8);
            }
            else if (depth == metadataDepth)
            {
                inMetadata = inObject && reader.ValueTextEquals("metadata"u8);
            }
            else if (depth == metadataDepth + 1 && inMetadata && reader.ValueTextEquals("resourceVersion"u8))
            {
                reader.Read();
                return reader.TokenType == JsonTokenType.String
                    && Utf8Parser.TryParse(reader.ValueSpan, out resourceVersion, out var consumed)
                    && consumed == reader.ValueSpan.Length;
            }
        }

        return false;
    }
}
