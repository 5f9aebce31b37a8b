using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.Auth.Apis.Categories;

/// <summary>A group of policy actions shown together in the policy editor.</summary>
[Description("A service category of policy actions, e.g. all actions on clusters.")]
public sealed class Category : ApiObject
{
    // TKEStack declares Category.Spec without a JSON tag, so the field travels as "Spec".
    [JsonPropertyName("Spec"), Description("Display name and actions of the category.")]
    public CategorySpec Spec { get; set; } = new();
}

[Description("Display name and actions of a category.")]
public sealed class CategorySpec
{
    [JsonPropertyName("displayName"), RequiredField, MinLength(1), Description("Name shown in the policy editor.")]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("description"), Description("Description.")]
    public string Description { get; set; } = "";

    [JsonPropertyName("actions"), PatchMergeKey("name"), Description("Actions of the category.")]
    public List<PolicyAction> Actions { get; set; } = [];
}

[Description("One action a policy can allow or deny.")]
public sealed class PolicyAction
{
    [JsonPropertyName("name"), RequiredField, MinLength(1), Description("Action name, e.g. \"listClusters\".")]
    public string Name { get; set; } = "";

    [JsonPropertyName("description"), Description("What the action does.")]
    public string Description { get; set; } = "";
}
