using Tke.ApiMachinery.Kinds;

namespace Tke.Auth.Apis.Rules;

public sealed class RuleKind : AuthKind<Rule>
{
    public override string Kind => "Rule";

    public override string Plural => "rules";

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("PType", r => r.Spec.PType, description: "Rule type."),
        Column("V0", r => r.Spec.V0, description: "Subject."),
        Column("V1", r => r.Spec.V1, description: "Second value."),
        Column("V2", r => r.Spec.V2, description: "Third value."),
        Column("V3", r => r.Spec.V3, description: "Fourth value."),
        Column("V4", r => r.Spec.V4, priority: 1, description: "Fifth value."),
    ];

    protected override IReadOnlyDictionary<string, Func<Rule, string?>> TypedSelectableFields => new Dictionary<string, Func<Rule, string?>>
    {
        ["spec.ptype"] = r => r.Spec.PType,
        ["spec.v0"] = r => r.Spec.V0,
        ["spec.v1"] = r => r.Spec.V1,
        ["spec.v2"] = r => r.Spec.V2,
        ["spec.v3"] = r => r.Spec.V3,
        ["spec.v4"] = r => r.Spec.V4,
        ["spec.v5"] = r => r.Spec.V5,
        ["spec.v6"] = r => r.Spec.V6,
    };
}
