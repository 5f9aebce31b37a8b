using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.Rules;

/// <summary>One row of the authorizer's casbin policy table.</summary>
[Description("A casbin rule: a policy line (ptype p) or a role assignment (ptype g) of the authorizer.")]
public sealed class Rule : ApiObject
{
    [JsonPropertyName("spec"), Description("The rule's columns.")]
    public RuleSpec Spec { get; set; } = new();
}

[Description("Columns of a casbin rule.")]
public sealed class RuleSpec
{
    [JsonPropertyName("ptype"), RequiredField, RegularExpression("^[pg][0-9]*$"), Description("Rule type: p (policy) or g (grouping), optionally numbered (g2).")]
    public string PType { get; set; } = "";

    [JsonPropertyName("v0"), Description("First value (the subject).")]
    public string V0 { get; set; } = "";

    [JsonPropertyName("v1"), Description("Second value.")]
    public string V1 { get; set; } = "";

    [JsonPropertyName("v2"), Description("Third value.")]
    public string V2 { get; set; } = "";

    [JsonPropertyName("v3"), Description("Fourth value.")]
    public string V3 { get; set; } = "";

    [JsonPropertyName("v4"), Description("Fifth value.")]
    public string V4 { get; set; } = "";

    [JsonPropertyName("v5"), Description("Sixth value.")]
    public string V5 { get; set; } = "";

    [JsonPropertyName("v6"), Description("Seventh value.")]
    public string V6 { get; set; } = "";
}
