using System.ComponentModel;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.Shared;

[Description("A label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects.")]
public sealed class LabelSelector
{
    [JsonPropertyName("matchLabels"), Description("A map of {key,value} pairs; each is equivalent to an element of matchExpressions with operator In and a single value.")]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [JsonPropertyName("matchExpressions"), Description("A list of label selector requirements. The requirements are ANDed.")]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>True when the labels satisfy the selector (an empty selector matches everything).</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        foreach (var (key, value) in MatchLabels ?? [])
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                return false;
            }
        }

        return (MatchExpressions ?? []).All(r => r.Matches(labels));
    }
}

[Description("A selector that contains values, a key, and an operator that relates the key and values.")]
public sealed class LabelSelectorRequirement
{
    [JsonPropertyName("key"), RequiredField, Description("The label key that the selector applies to.")]
    public string Key { get; set; } = "";

    [JsonPropertyName("operator"), RequiredField, Description("A key's relationship to a set of values: In, NotIn, Exists or DoesNotExist.")]
    public string Operator { get; set; } = "";

    [JsonPropertyName("values"), Description("An array of string values; non-empty for In and NotIn, empty for Exists and DoesNotExist.")]
    public List<string>? Values { get; set; }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Operator switch
    {
        "In" => labels.TryGetValue(Key, out var v) && (Values ?? []).Contains(v),
        "NotIn" => !labels.TryGetValue(Key, out var v) || !(Values ?? []).Contains(v),
        "Exists" => labels.ContainsKey(Key),
        "DoesNotExist" => !labels.ContainsKey(Key),
        _ => false,
    };
}
