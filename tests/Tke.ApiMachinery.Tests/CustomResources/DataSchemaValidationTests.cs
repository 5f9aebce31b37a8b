using System.Text.Json.Nodes;
using Tke.ApiMachinery.Schema;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Tests.CustomResources;

/// <summary>Validation, pruning and defaulting driven by a schema read from OpenAPI v3 JSON.</summary>
public sealed class DataSchemaValidationTests
{
    private static readonly SchemaNode Root = OpenApiSchemaReader.ReadKindRoot(CronTabSchema.Json(), CronTabSchema.Group, "v1", "CronTab");

    private static (JsonObject Body, SchemaValidationResult Result) Check(string json, bool prune = true)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        SchemaDefaulting.Apply(body, Root);
        return (body, SchemaValidation.Validate(body, Root, prune));
    }

    private static string Messages(SchemaValidationResult result) => string.Join("\n", result.Errors.Select(e => e.Message));

    [Fact]
    public void A_valid_object_passes_and_gets_its_defaults()
    {
        var (body, result) = Check("""{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"a"},"spec":{"cronSpec":"* * * * */5","image":"img"}}""");

        Assert.True(result.IsValid, Messages(result));
        Assert.Equal(1, (int)body["spec"]!["replicas"]!);
        Assert.Equal("Slow", (string?)body["spec"]!["mode"]);
        Assert.Equal("100m", (string?)body["spec"]!["limits"]!["cpu"]); // a default inside a defaulted object
    }

    [Fact]
    public void Type_and_constraint_violations_are_reported_with_their_field_paths()
    {
        var (_, result) = Check("""
            {"spec":{"cronSpec":"not a schedule","image":"","replicas":11,"mode":"Medium","tags":["a","b","c","d"],"labels":{"x":1}}}
            """);

        var messages = Messages(result);
        Assert.Contains("spec.cronSpec: Invalid value: \"not a schedule\": spec.cronSpec in body should match", messages);
        Assert.Contains("spec.image: Invalid value: \"\": spec.image in body should be at least 1 chars long", messages);
        Assert.Contains("spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10", messages);
        Assert.Contains("spec.mode: Unsupported value: \"Medium\": supported values: \"Fast\", \"Slow\"", messages);
        Assert.Contains("spec.tags: Too many: 4: must have at most 3 items", messages);
        Assert.Contains("spec.labels.x: Invalid value: \"integer\": spec.labels.x in body must be of type string: \"integer\"", messages);
    }

    [Fact]
    public void A_missing_required_field_and_a_wrong_type_are_errors()
    {
        var (_, result) = Check("""{"spec":{"replicas":"three"}}""");

        var messages = Messages(result);
        Assert.Contains("spec.cronSpec: Required value", messages);
        Assert.Contains("spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"", messages);
    }

    [Fact]
    public void Unknown_fields_are_pruned_unless_preserved()
    {
        var (body, result) = Check("""
            {"spec":{"cronSpec":"* * * * *","bogus":true,"extra":{"anything":{"goes":1}},"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","bogus":1},"spec":{"x":1}}},"topLevel":1}
            """);

        Assert.True(result.IsValid, Messages(result));
        Assert.Equal(["spec.bogus", "spec.template.metadata.bogus", "topLevel"], result.UnknownFields.Order());
        Assert.Null(body["spec"]!["bogus"]);
        Assert.Null(body["topLevel"]);
        Assert.Equal(1, (int)body["spec"]!["extra"]!["anything"]!["goes"]!);
        Assert.Equal(1, (int)body["spec"]!["template"]!["spec"]!["x"]!); // an embedded resource keeps its own content
        Assert.Equal("p", (string?)body["spec"]!["template"]!["metadata"]!["name"]);
    }

    [Fact]
    public void Int_or_string_accepts_both_and_nothing_else()
    {
        Assert.True(Check("""{"spec":{"cronSpec":"* * * * *","port":8080}}""").Result.IsValid);
        Assert.True(Check("""{"spec":{"cronSpec":"* * * * *","port":"http"}}""").Result.IsValid);

        var (_, result) = Check("""{"spec":{"cronSpec":"* * * * *","port":true}}""");
        Assert.Contains("spec.port: Invalid value: \"boolean\": spec.port in body must be of type int-or-string: \"boolean\"", Messages(result));
    }

    [Fact]
    public void Nulls_are_dropped_or_defaulted_unless_the_field_is_nullable()
    {
        var (body, result) = Check("""{"spec":{"cronSpec":"* * * * *","replicas":null,"image":null,"note":null}}""");

        Assert.True(result.IsValid, Messages(result));
        Assert.Equal(1, (int)body["spec"]!["replicas"]!);
        Assert.False(body["spec"]!.AsObject().ContainsKey("image"));
        Assert.True(body["spec"]!.AsObject().ContainsKey("note"));
    }

    [Fact]
    public void Set_and_map_lists_refuse_duplicates()
    {
        var (_, result) = Check("""{"spec":{"cronSpec":"* * * * *","tags":["a","a"],"ports":[{"name":"http","number":80},{"name":"http","number":81}]}}""");

        var messages = Messages(result);
        Assert.Contains("spec.tags[1]: Duplicate value: \"a\"", messages);
        Assert.Contains("spec.ports[1]: Duplicate value: {\"name\":\"http\"}", messages);
    }

    [Fact]
    public void The_root_always_has_standard_metadata_and_type_information()
    {
        Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", Root.Properties!["metadata"].DefinitionName);
        Assert.Equal(SchemaType.String, Root.Properties["apiVersion"].Type);
        Assert.Equal("com.example.stable.v1.CronTab", Root.DefinitionName);
        Assert.True(Root.AppliesDefaults);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], Root.Properties.Keys);
    }
}
