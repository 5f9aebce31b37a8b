using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Validation;

namespace Tke.Apis.Tests.Shared;

public class ConfigMapKindTests
{
    private readonly ConfigMapKind _kind = new("platform.tkestack.io");

    private static ConfigMap Sample() => new()
    {
        ApiVersion = "platform.tkestack.io/v1",
        Kind = "ConfigMap",
        Metadata = new ObjectMeta { Name = "tke-platform-config" },
        Data = new() { ["log.level"] = "info", ["FEATURE_GATES"] = "a=true" },
        BinaryData = new() { ["ca.crt"] = [1, 2, 3, 255] },
    };

    [Fact]
    public void Names_and_scope_are_those_of_TKEStack()
    {
        Assert.Equal("platform.tkestack.io", _kind.Group);
        Assert.Equal("v1", _kind.Version);
        Assert.Equal("configmaps", _kind.Plural);
        Assert.Equal("configmap", _kind.Singular);
        Assert.Equal(KindScope.Cluster, _kind.Scope);
        Assert.False(_kind.HasStatusSubresource);
    }

    [Fact]
    public void Schema_has_data_and_base64_binary_data()
    {
        KindAssert.HasFields(_kind, "data", "binaryData");
        Assert.Equal("byte", KindAssert.SchemaAt(_kind, "binaryData.{}").Format);
        Assert.Equal(Tke.ApiMachinery.Schema.SchemaType.String, KindAssert.SchemaAt(_kind, "data.{}").Type);
    }

    [Fact]
    public void The_same_type_serves_several_groups()
    {
        var business = new ConfigMapKind("business.tkestack.io");
        Assert.Equal(("business.tkestack.io", "v1", "ConfigMap"), business.Schema.GroupVersionKind);
        Assert.Equal(("platform.tkestack.io", "v1", "ConfigMap"), _kind.Schema.GroupVersionKind);
    }

    [Fact]
    public void A_valid_config_map_passes() => KindAssert.Valid(_kind, Sample());

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/key")]
    [InlineData("..hidden")]
    [InlineData("..")]
    public void Bad_keys_are_rejected(string key)
    {
        var cm = Sample();
        cm.Data![key] = "x";
        KindAssert.HasError(KindAssert.Validate(_kind, cm), $"data[{key}]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Overlong_keys_are_rejected()
    {
        var cm = Sample();
        var key = new string('k', 254);
        cm.BinaryData![key] = [1];
        KindAssert.HasError(KindAssert.Validate(_kind, cm), $"binaryData[{key}]", FieldErrorKind.TooLong);
    }

    [Fact]
    public void A_key_may_not_be_in_both_maps()
    {
        var cm = Sample();
        cm.BinaryData!["log.level"] = [0];
        KindAssert.HasError(KindAssert.Validate(_kind, cm), "data[log.level]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void More_than_one_mebibyte_is_rejected()
    {
        var cm = Sample();
        cm.BinaryData!["big"] = new byte[ConfigMapKind.MaxTotalBytes];
        KindAssert.HasError(KindAssert.Validate(_kind, cm), "data", FieldErrorKind.TooLong);
    }

    [Fact]
    public void Binary_data_round_trips_as_base64()
    {
        var (json, back) = KindAssert.RoundTrip(Sample());
        Assert.Equal("AQID/w==", KindAssert.At(json, "binaryData", "ca.crt")?.GetValue<string>());
        Assert.Equal("info", KindAssert.At(json, "data", "log.level")?.GetValue<string>());
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, back.BinaryData!["ca.crt"]);
    }

    [Fact]
    public void Table_counts_keys_of_both_maps() => Assert.Equal(3, KindAssert.Cells(_kind, Sample())["Data"]);
}
