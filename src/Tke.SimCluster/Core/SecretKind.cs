using System.Text;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.Core;

/// <summary>core/v1 secrets: stringData is folded into data on every write, as kube-apiserver does.</summary>
public sealed class SecretKind : KubernetesKind<Secret>
{
    public const int MaxTotalBytes = 1024 * 1024;

    public override string Group => "";

    public override string Kind => "Secret";

    public override string Plural => "secrets";

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Type", s => s.Type ?? "Opaque", description: "The type of the secret."),
        Column("Data", s => s.Data?.Count ?? 0, "integer", description: "Number of keys in data."),
    ];

    protected override IReadOnlyDictionary<string, Func<Secret, string?>> TypedSelectableFields => new Dictionary<string, Func<Secret, string?>>
    {
        ["type"] = s => s.Type ?? "",
    };

    protected override void Default(Secret obj)
    {
        obj.Type ??= "Opaque";
        if (obj.StringData is { Count: > 0 } strings)
        {
            obj.Data ??= [];
            foreach (var (key, value) in strings)
            {
                obj.Data[key] = Encoding.UTF8.GetBytes(value ?? "");
            }
        }

        obj.StringData = null;
    }

    protected override void Validate(Secret obj, FieldErrorList errors)
    {
        DataKeyRules.Validate(obj.Data?.Keys, null, "data", "stringData", errors);
        if ((obj.Data ?? []).Sum(kv => (long)(kv.Value?.Length ?? 0)) > MaxTotalBytes)
        {
            errors.TooLong("data", MaxTotalBytes);
        }
    }

    protected override void ValidateUpdate(Secret obj, Secret old, FieldErrorList errors)
    {
        Validate(obj, errors);
        if (obj.Type != old.Type)
        {
            errors.Invalid("type", obj.Type, "field is immutable");
        }

        var unchanged = (obj.Data ?? []).Count == (old.Data ?? []).Count
            && (obj.Data ?? []).All(kv => old.Data!.TryGetValue(kv.Key, out var v) && (v ?? []).AsSpan().SequenceEqual(kv.Value ?? []));
        DataKeyRules.ValidateImmutable(obj.Immutable, old.Immutable, unchanged, errors);
    }
}
