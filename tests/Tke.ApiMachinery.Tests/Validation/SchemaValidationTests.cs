using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Schema;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Tests.Validation;

public sealed class Widget : ApiObject<WidgetSpec, WidgetStatus>
{
    public static SchemaNode Schema { get; } = SchemaBuilder.Shared.BuildKindRoot(typeof(Widget), "test.tkestack.io", "v1", "Widget");
}

public sealed class WidgetSpec
{
    [JsonPropertyName("name"), StringLength(10, MinimumLength = 2)]
    public string? Name { get; set; }

    [JsonPropertyName("port"), Range(1, 65535)]
    public int? Port { get; set; }

    [JsonPropertyName("replicas")]
    public int? Replicas { get; set; }

    [JsonPropertyName("size")]
    public long? Size { get; set; }

    [JsonPropertyName("mode"), AllowedValues("Fast", "Safe")]
    public string? Mode { get; set; }

    [JsonPropertyName("kind")]
    public WidgetKind? Kind { get; set; }

    [JsonPropertyName("slug"), RegularExpression("^[a-z]+$")]
    public string? Slug { get; set; }

    [JsonPropertyName("tenantID"), RequiredField]
    public string TenantId { get; set; } = "";

    [JsonPropertyName("target"), IntOrString]
    public string? Target { get; set; }

    [JsonPropertyName("ratio")]
    public double? Ratio { get; set; }

    [JsonPropertyName("enabled")]
    public bool? Enabled { get; set; }

    [JsonPropertyName("expires")]
    public DateTimeOffset? Expires { get; set; }

    [JsonPropertyName("data")]
    public byte[]? Data { get; set; }

    [JsonPropertyName("items")]
    public List<WidgetItem>? Items { get; set; }

    [JsonPropertyName("byName")]
    public Dictionary<string, WidgetItem>? ByName { get; set; }

    [JsonPropertyName("tags")]
    public List<string>? Tags { get; set; }

    [JsonPropertyName("config")]
    public JsonObject? Config { get; set; }

    [JsonPropertyName("raw")]
    public JsonNode? Raw { get; set; }

    [JsonPropertyName("extensions"), PreserveUnknownFields]
    public WidgetItem? Extensions { get; set; }
}

public enum WidgetKind
{
    Small,
    Large,
}

public sealed class WidgetItem
{
    [JsonPropertyName("name"), RequiredField]
    public string Name { get; set; } = "";

    [JsonPropertyName("weight"), Range(0, 100)]
    public int? Weight { get; set; }
}

public sealed class WidgetStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; set; }
}

public class SchemaValidationTests
{
    private const string ValidWidget = """
        {"apiVersion":"test.tkestack.io/v1","kind":"Widget",
         "metadata":{"name":"w","namespace":"default","labels":{"a":"b"},"creationTimestamp":null,
                     "ownerReferences":[{"apiVersion":"v1","kind":"Node","name":"n","uid":"1","controller":true}],
                     "finalizers":["x"],"managedFields":[{"manager":"kubectl","anything":{"goes":[1]}}]},
         "spec":{"name":"abc","port":443,"replicas":-3,"size":9007199254740993,"mode":"Fast","kind":"Large","slug":"abc","tenantID":"t1",
                 "target":"50%","ratio":0.5,"enabled":true,"expires":"2024-05-01T10:00:00Z","data":"aGVsbG8=",
                 "items":[{"name":"i1","weight":0},{"name":"i2"}],
                 "byName":{"x":{"name":"x","weight":100}},
                 "tags":["a","b"],
                 "config":{"free":{"form":[true]}},
                 "raw":[1,"two",{"three":null}],
                 "extensions":{"name":"e","unknownButKept":{"deep":1}}},
         "status":{"phase":"Ready"}}
        """;

    private static SchemaValidationResult Validate(string json, bool prune = false) => SchemaValidation.Validate(JsonNode.Parse(json), Widget.Schema, prune);

    private static SchemaValidationResult ValidateSpec(string specFields) =>
        Validate($$$"""{"apiVersion":"test.tkestack.io/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"tenantID":"t",{{{specFields}}}}}""");

    [Fact]
    public void AcceptsAValidObject()
    {
        var result = Validate(ValidWidget);
        Assert.Empty(result.UnknownFields);
        Assert.Empty(result.Errors);
        Assert.True(result.IsValid);
        Assert.Null(result.StrictDecodingError);
    }

    [Fact]
    public void ReportsUnknownFieldsAtEveryLevel()
    {
        var result = Validate("""
            {"apiVersion":"test.tkestack.io/v1","kind":"Widget","top":1,
             "metadata":{"name":"w","nmae":"typo","ownerReferences":[{"uid":"1","extra":true}]},
             "spec":{"tenantID":"t","foo":{"bar":1},
                     "items":[{"name":"a"},{"name":"b","colour":"red"}],
                     "byName":{"k":{"name":"k","size":2}},
                     "config":{"anything":1},"raw":{"anything":2},"extensions":{"name":"e","kept":3}},
             "status":{"phase":"x","ready":true}}
            """);
        Assert.Equal(
            ["top", "metadata.nmae", "metadata.ownerReferences[0].extra", "spec.foo", "spec.items[1].colour", "spec.byName.k.size", "status.ready"],
            result.UnknownFields);
        Assert.Empty(result.Errors);
        Assert.Equal("strict decoding error: unknown field \"top\", unknown field \"metadata.nmae\", unknown field \"metadata.ownerReferences[0].extra\", unknown field \"spec.foo\", unknown field \"spec.items[1].colour\", unknown field \"spec.byName.k.size\", unknown field \"status.ready\"", result.StrictDecodingError);
        Assert.Equal("unknown field \"spec.foo\"", result.UnknownFieldWarnings.ElementAt(3));
    }

    [Fact]
    public void PrunesUnknownFieldsInPlaceWhenAsked()
    {
        var document = JsonNode.Parse("""
            {"kind":"Widget","bogus1":1,"bogus2":2,"metadata":{"name":"w","x":1},
             "spec":{"tenantID":"t","items":[{"y":1,"name":"a","z":2}],"config":{"kept":1}}}
            """)!;
        var result = SchemaValidation.Validate(document, Widget.Schema, pruneUnknownFields: true);
        Assert.Equal(["bogus1", "bogus2", "metadata.x", "spec.items[0].y", "spec.items[0].z"], result.UnknownFields);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"kind":"Widget","metadata":{"name":"w"},"spec":{"tenantID":"t","items":[{"name":"a"}],"config":{"kept":1}}}"""),
            document), document.ToJsonString());
        Assert.Empty(SchemaValidation.Validate(document, Widget.Schema).UnknownFields);
    }

    [Fact]
    public void LeavesUnknownFieldsInPlaceByDefault()
    {
        var document = JsonNode.Parse("""{"spec":{"tenantID":"t","foo":1}}""")!;
        SchemaValidation.Validate(document, Widget.Schema);
        Assert.Equal(1, (int)document["spec"]!["foo"]!);
    }

    [Fact]
    public void ReportsTypeErrorsInKubernetesWording()
    {
        var error = Assert.Single(ValidateSpec("\"port\":\"string\"").Errors);
        Assert.Equal(FieldErrorKind.TypeInvalid, error.Kind);
        Assert.Equal("spec.port", error.Field);
        Assert.Equal("FieldValueTypeInvalid", error.Reason);
        Assert.Equal("spec.port: Invalid value: \"string\": spec.port in body must be of type integer: \"string\"", error.Message);
    }

    [Theory]
    [InlineData("\"port\":1.5", "spec.port", "integer", "number")]
    [InlineData("\"port\":true", "spec.port", "integer", "boolean")]
    [InlineData("\"name\":5", "spec.name", "string", "integer")]
    [InlineData("\"name\":{}", "spec.name", "string", "object")]
    [InlineData("\"enabled\":\"true\"", "spec.enabled", "boolean", "string")]
    [InlineData("\"ratio\":\"0.5\"", "spec.ratio", "number", "string")]
    [InlineData("\"items\":{}", "spec.items", "array", "object")]
    [InlineData("\"items\":[\"a\"]", "spec.items[0]", "object", "string")]
    [InlineData("\"byName\":[]", "spec.byName", "object", "array")]
    [InlineData("\"byName\":{\"k\":1}", "spec.byName.k", "object", "integer")]
    [InlineData("\"tags\":[1]", "spec.tags[0]", "string", "integer")]
    [InlineData("\"tags\":[null]", "spec.tags[0]", "string", "null")]
    [InlineData("\"byName\":{\"k\":null}", "spec.byName.k", "object", "null")]
    [InlineData("\"target\":true", "spec.target", "int-or-string", "boolean")]
    [InlineData("\"target\":1.5", "spec.target", "int-or-string", "number")]
    [InlineData("\"config\":[1]", "spec.config", "object", "array")]
    public void ReportsTypeErrors(string fields, string path, string expected, string actual)
    {
        var error = Assert.Single(ValidateSpec(fields).Errors);
        Assert.Equal(FieldErrorKind.TypeInvalid, error.Kind);
        Assert.Equal(path, error.Field);
        Assert.Equal(actual, error.BadValue);
        Assert.Equal($"{path} in body must be of type {expected}: \"{actual}\"", error.Detail);
    }

    [Fact]
    public void ReportsTypeErrorsInMetadata()
    {
        var result = Validate("""{"metadata":{"name":1,"labels":{"a":true},"finalizers":"x"},"spec":{"tenantID":"t"}}""");
        Assert.Equal(["metadata.name", "metadata.labels.a", "metadata.finalizers"], result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("\"target\":\"50%\"")]
    [InlineData("\"target\":8080")]
    [InlineData("\"target\":null")]
    [InlineData("\"raw\":\"anything\"")]
    [InlineData("\"raw\":null")]
    [InlineData("\"raw\":[null]")]
    [InlineData("\"config\":{\"a\":null}")]
    [InlineData("\"name\":null,\"port\":null,\"items\":null,\"byName\":null")]
    [InlineData("\"ratio\":3")]
    [InlineData("\"replicas\":-2147483648")]
    public void AcceptsValidValues(string fields)
    {
        var result = ValidateSpec(fields);
        Assert.Empty(result.Errors);
        Assert.Empty(result.UnknownFields);
    }

    [Fact]
    public void ChecksEnums()
    {
        var error = Assert.Single(ValidateSpec("\"mode\":\"Slow\"").Errors);
        Assert.Equal(FieldErrorKind.NotSupported, error.Kind);
        Assert.Equal("spec.mode: Unsupported value: \"Slow\": supported values: \"Fast\", \"Safe\"", error.Message);

        var enumError = Assert.Single(ValidateSpec("\"kind\":\"Medium\"").Errors);
        Assert.Equal("spec.kind: Unsupported value: \"Medium\": supported values: \"Small\", \"Large\"", enumError.Message);
    }

    [Fact]
    public void ChecksStringLengthsAndPatterns()
    {
        var tooLong = Assert.Single(ValidateSpec("\"name\":\"abcdefghijk\"").Errors);
        Assert.Equal(FieldErrorKind.TooLong, tooLong.Kind);
        Assert.Equal("spec.name", tooLong.Field);

        // Length counts characters, not UTF-16 units: ten emoji fit in ten.
        Assert.Empty(ValidateSpec("\"name\":\"" + string.Concat(Enumerable.Repeat("\U0001F600", 10)) + "\"").Errors);

        var tooShort = Assert.Single(ValidateSpec("\"name\":\"a\"").Errors);
        Assert.Equal("spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long", tooShort.Message);

        var pattern = Assert.Single(ValidateSpec("\"slug\":\"ABC\"").Errors);
        Assert.Equal("spec.slug: Invalid value: \"ABC\": spec.slug in body should match '^[a-z]+$'", pattern.Message);
    }

    [Fact]
    public void ChecksNumericRanges()
    {
        var low = Assert.Single(ValidateSpec("\"port\":0").Errors);
        Assert.Equal("spec.port: Invalid value: 0: spec.port in body should be greater than or equal to 1", low.Message);

        var high = Assert.Single(ValidateSpec("\"port\":70000").Errors);
        Assert.Equal("spec.port: Invalid value: 70000: spec.port in body should be less than or equal to 65535", high.Message);

        var nested = Assert.Single(ValidateSpec("\"items\":[{\"name\":\"a\",\"weight\":101}]").Errors);
        Assert.Equal("spec.items[0].weight", nested.Field);

        var overflow = Assert.Single(ValidateSpec("\"replicas\":2147483648").Errors);
        Assert.Equal("spec.replicas: Invalid value: 2147483648: spec.replicas in body should be less than or equal to 2147483647", overflow.Message);
    }

    [Fact]
    public void ChecksFormats()
    {
        var date = Assert.Single(ValidateSpec("\"expires\":\"tomorrow\"").Errors);
        Assert.Equal("spec.expires: Invalid value: \"tomorrow\": spec.expires in body must be of type date-time: \"tomorrow\"", date.Message);
        Assert.Equal("spec.data", Assert.Single(ValidateSpec("\"data\":\"not base64!\"").Errors).Field);
    }

    [Fact]
    public void ChecksRequiredFields()
    {
        var missing = Validate("""{"spec":{"items":[{"weight":1}],"byName":{"k":{"name":null}}}}""");
        Assert.Equal(["spec.items[0].name", "spec.byName.k.name", "spec.tenantID"], missing.Errors.Select(e => e.Field));
        Assert.All(missing.Errors, e => Assert.Equal(FieldErrorKind.Required, e.Kind));
        Assert.Equal("spec.tenantID: Required value", missing.Errors[2].Message);
    }

    [Fact]
    public void ReportsEveryProblemInOneWalk()
    {
        var result = Validate("""{"spec":{"port":"x","mode":"Slow","unknown":1,"items":[{"name":5,"extra":1}]}}""");
        Assert.Equal(["spec.unknown", "spec.items[0].extra"], result.UnknownFields);
        Assert.Equal(["spec.port", "spec.mode", "spec.items[0].name", "spec.tenantID"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void ValidatesNodesBuiltInCode()
    {
        var document = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["tenantID"] = "t",
                ["port"] = 70000,
                ["replicas"] = 3L,
                ["ratio"] = 1.5,
                ["target"] = 8080,
                ["expires"] = "2024-05-01T10:00:00Z",
                ["name"] = 7,
            },
        };
        var result = SchemaValidation.Validate(document, Widget.Schema);
        Assert.Equal(["spec.port", "spec.name"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void AllocatesLittleForAValidDocument()
    {
        var document = JsonNode.Parse(ValidWidget)!;
        SchemaValidation.Validate(document, Widget.Schema); // materialises the lazily parsed nodes

        // The least of a few runs: tests running in parallel can make a shared regex allocate a runner.
        var allocated = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            SchemaValidation.Validate(document, Widget.Schema);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // The result and its empty error list; the date-time, byte and length-checked strings.
        Assert.True(allocated < 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void AcceptsNullDocuments()
    {
        var result = SchemaValidation.Validate(null, Widget.Schema);
        Assert.True(result.IsValid);
        Assert.Empty(result.UnknownFields);
    }
}
