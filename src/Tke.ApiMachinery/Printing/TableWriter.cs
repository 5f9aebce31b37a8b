using System.Text.Json;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Printing;

/// <summary>What a Table row carries besides its cells (the includeObject parameter).</summary>
public enum IncludeObject
{
    None,
    Metadata,
    Object,
}

/// <summary>Server-side printing: a meta.k8s.io Table of objects with the kind's columns,
/// framed by NAME first and AGE last, as kube-apiserver prints custom resources.</summary>
public sealed class TableWriter(KindDefinition kind, TimeProvider clock)
{
    public void Write(Utf8JsonWriter w, string metaVersion, IReadOnlyList<StoredItem> items, long revision, string? continueToken, IncludeObject include, bool withColumns = true)
    {
        w.WriteStartObject();
        w.WriteString("kind", "Table");
        w.WriteString("apiVersion", "meta.k8s.io/" + metaVersion);
        w.WriteStartObject("metadata");
        if (revision > 0)
        {
            w.WriteString("resourceVersion", revision.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (continueToken is not null)
        {
            w.WriteString("continue", continueToken);
        }

        w.WriteEndObject();
        if (withColumns)
        {
            WriteColumns(w);
        }

        w.WriteStartArray("rows");
        foreach (var item in items)
        {
            WriteRow(w, item, metaVersion, include);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteColumns(Utf8JsonWriter w)
    {
        w.WriteStartArray("columnDefinitions");
        Column(w, "Name", "string", "name", "Name must be unique within a namespace.", 0);
        foreach (var c in kind.Columns)
        {
            Column(w, c.Name, c.Type, "", c.Description, c.Priority);
        }

        if (kind.PrintsAgeColumn)
        {
            Column(w, "Age", "date", "", "CreationTimestamp is the time the object was created.", 0);
        }

        w.WriteEndArray();
    }

    private static void Column(Utf8JsonWriter w, string name, string type, string format, string description, int priority)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("type", type);
        w.WriteString("format", format);
        w.WriteString("description", description);
        w.WriteNumber("priority", priority);
        w.WriteEndObject();
    }

    private void WriteRow(Utf8JsonWriter w, StoredItem item, string metaVersion, IncludeObject include)
    {
        var obj = item.Object;
        w.WriteStartObject();
        w.WriteStartArray("cells");
        w.WriteStringValue(obj.Metadata.Name);
        foreach (var c in kind.Columns)
        {
            object? value;
            try
            {
                value = c.Cell(obj);
            }
            catch (NullReferenceException)
            {
                value = null; // a column over an optional field that is absent prints as <none>
            }

            JsonSerializer.Serialize(w, value, value?.GetType() ?? typeof(object), ApiJson.Options);
        }

        if (kind.PrintsAgeColumn)
        {
            var created = obj.Metadata.CreationTimestamp;
            w.WriteStringValue(created is null ? "<unknown>" : HumanDuration.Format(clock.GetUtcNow() - created.Value));
        }

        w.WriteEndArray();
        switch (include)
        {
            case IncludeObject.Object:
                w.WritePropertyName("object");
                w.WriteRawValue(item.Json, skipInputValidation: true);
                break;
            case IncludeObject.Metadata:
                w.WriteStartObject("object");
                w.WriteString("kind", "PartialObjectMetadata");
                w.WriteString("apiVersion", "meta.k8s.io/" + metaVersion);
                w.WritePropertyName("metadata");
                JsonSerializer.Serialize(w, obj.Metadata, ApiJson.Options);
                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
    }
}
