using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Tests.Store;

[Description("A widget used to exercise the generic store.")]
public sealed class Widget : ApiObject<WidgetSpec, WidgetStatus>
{
}

public sealed class WidgetSpec
{
    [JsonPropertyName("size"), Range(0, 100)]
    public int Size { get; set; }

    [JsonPropertyName("color"), AllowedValues("red", "blue")]
    public string? Color { get; set; }

    [JsonPropertyName("parts"), PatchMergeKey("name")]
    public List<WidgetPart>? Parts { get; set; }
}

public sealed class WidgetPart
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("count")]
    public int Count { get; set; }
}

public sealed class WidgetStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}

/// <summary>A cluster-scoped kind with a status subresource and an ID prefix.</summary>
public sealed class WidgetKind : KindDefinition<Widget>
{
    public override string Group => "test.tkestack.io";

    public override string Version => "v1";

    public override string Kind => "Widget";

    public override string Plural => "widgets";

    public override string? DefaultGenerateName => "wd-";

    protected override IReadOnlyList<TableColumn> TypedColumns => [Column("Size", w => w.Spec.Size, "integer")];

    protected override IReadOnlyDictionary<string, Func<Widget, string?>> TypedSelectableFields =>
        new Dictionary<string, Func<Widget, string?>> { ["spec.color"] = w => w.Spec.Color };

    protected override void Default(Widget obj) => obj.Spec.Color ??= "red";

    protected override void Validate(Widget obj, FieldErrorList errors)
    {
        if (obj.Spec.Size == 13)
        {
            errors.Invalid("spec.size", 13, "unlucky");
        }
    }
}

/// <summary>A namespaced kind.</summary>
public sealed class GadgetKind : KindDefinition<Widget>
{
    public override string Group => "test.tkestack.io";

    public override string Version => "v1";

    public override string Kind => "Widget";

    public override string Plural => "gadgets";

    public override KindScope Scope => KindScope.Namespaced;
}
