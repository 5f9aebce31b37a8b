using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.OpenApi;

namespace Tke.ApiMachinery.Tests.OpenApi;

[Description("A gadget: a cluster-scoped kind with a status subresource.")]
public sealed class Gadget : ApiObject<GadgetSpec, GadgetStatus>
{
}

public sealed class GadgetSpec
{
    [JsonPropertyName("displayName"), Description("Name shown in the console."), StringLength(63, MinimumLength = 1), RequiredField]
    public string DisplayName { get; set; } = "";

    [JsonPropertyName("type"), Description("How the gadget was made."), AllowedValues("Baremetal", "Imported")]
    public string? Type { get; set; }

    [JsonPropertyName("code"), RegularExpression("^[a-z]+$")]
    public string? Code { get; set; }

    [JsonPropertyName("port"), IntOrString]
    public string? Port { get; set; }

    [JsonPropertyName("replicas"), Range(0, 10)]
    public int? Replicas { get; set; }

    [JsonPropertyName("machines"), Description("Machines of the gadget."), PatchMergeKey("ip")]
    public List<GadgetMachine>? Machines { get; set; }

    [JsonPropertyName("parent"), Description("The machine this gadget hangs off.")]
    public GadgetMachine? Parent { get; set; }

    [JsonPropertyName("tags"), ListType(ListKind.Set)]
    public List<string>? Tags { get; set; }

    [JsonPropertyName("properties")]
    public Dictionary<string, string>? Properties { get; set; }

    [JsonPropertyName("extra"), PreserveUnknownFields]
    public JsonObject? Extra { get; set; }

    [JsonPropertyName("anything")]
    public JsonNode? Anything { get; set; }
}

[Description("A machine of a gadget.")]
public sealed class GadgetMachine
{
    [JsonPropertyName("ip"), RequiredField]
    public string Ip { get; set; } = "";

    [JsonPropertyName("port")]
    public int Port { get; set; }
}

public sealed class GadgetStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }

    [JsonPropertyName("conditions"), PatchMergeKey("type")]
    public List<GadgetCondition>? Conditions { get; set; }
}

public sealed class GadgetCondition
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status")]
    public string Status { get; set; } = "";
}

[Description("A widget: a namespaced kind without a status subresource.")]
public sealed class Widget : ApiObject
{
    [JsonPropertyName("data")]
    public Dictionary<string, string>? Data { get; set; }
}

public sealed class GadgetKind : KindDefinition<Gadget>
{
    public override string Group => TestApiGroup.GroupName;

    public override string Version => "v1";

    public override string Kind => "Gadget";

    public override string Plural => "gadgets";
}

public sealed class WidgetKind : KindDefinition<Widget>
{
    public override string Group => TestApiGroup.GroupName;

    public override string Version => "v1";

    public override string Kind => "Widget";

    public override string Plural => "widgets";

    public override KindScope Scope => KindScope.Namespaced;

    public override bool HasStatusSubresource => false;
}

public sealed class TestApiGroup : IApiGroup
{
    public const string GroupName = "test.tkestack.io";

    public string Name => GroupName;

    public string PreferredVersion => "v1";

    public IReadOnlyList<KindDefinition> Kinds { get; } = [new GadgetKind(), new WidgetKind(), new ConfigMapKind(GroupName)];
}

/// <summary>The documents of the test group, built once: building them is what the tests exercise.</summary>
internal static class TestDocuments
{
    public static OpenApiDocuments Value { get; } = new(new KindCatalog([new TestApiGroup()]));
}
