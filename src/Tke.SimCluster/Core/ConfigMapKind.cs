using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 configmaps. Key and size rules are the platform's shared ConfigMap rules.</summary>
public sealed class ConfigMapKind : KubernetesKind<ConfigMap>
{
    public override string Group => "";

    public override string Kind => "ConfigMap";

    public override string Plural => "configmaps";

    public override IReadOnlyList<string> ShortNames => ["cm"];

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Data", c => (c.Data?.Count ?? 0) + (c.BinaryData?.Count ?? 0), "integer", description: "Number of keys in data and binaryData."),
    ];

    protected override void Validate(ConfigMap obj, FieldErrorList errors) =>
        DataKeyRules.Validate(obj.Data?.Keys, obj.BinaryData?.Keys, "data", "binaryData", errors);

    protected override void ValidateUpdate(ConfigMap obj, ConfigMap old, FieldErrorList errors)
    {
        Validate(obj, errors);
        DataKeyRules.ValidateImmutable(obj.Immutable, old.Immutable, DataOf(obj) == DataOf(old), errors);
    }

    private static string DataOf(ConfigMap c) =>
        System.Text.Json.JsonSerializer.Serialize(new { c.Data, c.BinaryData }, Tke.ApiMachinery.Json.ApiJson.Options);
}
