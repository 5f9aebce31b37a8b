using Tke.ApiMachinery.Validation;
using Tke.Auth.Apis.Categories;
using Tke.Auth.Apis.SigningKeys;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Auth;

public class SigningKeyAndCategoryKindTests
{
    private static Category SampleCategory() => new()
    {
        Metadata = { Name = "platform" },
        Spec = new CategorySpec
        {
            DisplayName = "Platform",
            Description = "Cluster management",
            Actions = [new PolicyAction { Name = "listClusters", Description = "List clusters" }, new PolicyAction { Name = "getCluster" }],
        },
    };

    [Fact]
    public void Signing_key_fields_are_top_level_and_base64()
    {
        var kind = new ApiSigningKeyKind();
        HasFields(kind, "signingKey", "signingKeyPub");
        Assert.Equal("byte", Node(kind, "signingKey").Format);
        Assert.Null(kind.Schema.Properties!.GetValueOrDefault("spec"));

        var key = new ApiSigningKey { Metadata = { Name = "default" }, SigningKey = [1, 2, 3], SigningKeyPub = [4, 5] };
        var json = RoundTrip(key);
        Assert.Equal("AQID", At(json, "signingKey")!.GetValue<string>());
        Assert.Equal(2, Cells(kind, key)["Public Key Bytes"]);
    }

    [Fact]
    public void Category_spec_travels_under_capitalised_key_as_in_tkestack()
    {
        var kind = new CategoryKind();
        HasFields(kind, "Spec.displayName", "Spec.description", "Spec.actions[].name", "Spec.actions[].description");
        Assert.Equal("name", Node(kind, "Spec.actions").PatchMergeKey);

        var json = RoundTrip(SampleCategory());
        Assert.Equal("listClusters", At(json, "Spec.actions")![0]!["name"]!.GetValue<string>());
        Assert.False(json.ContainsKey("spec"));
    }

    [Fact]
    public void Category_validation_and_table()
    {
        var kind = new CategoryKind();
        Valid(Create(kind, SampleCategory()));
        IsRequired(kind, "Spec.actions[]", "name");

        var duplicated = SampleCategory();
        duplicated.Spec.Actions.Add(new PolicyAction { Name = "getCluster" });
        Single(Create(kind, duplicated), "Spec.actions[2]", FieldErrorKind.Duplicate);

        var cells = Cells(kind, SampleCategory());
        Assert.Equal("Platform", cells["Display Name"]);
        Assert.Equal(2, cells["Actions"]);
    }
}
