using Tke.ApiMachinery.Validation;
using Tke.Apis.Tests.Shared;
using Tke.Platform.Apis.Shared;
using Tke.ApiMachinery.Objects;

namespace Tke.Apis.Tests.Platform;

public class SharedRulesTests
{
    [Fact]
    public void Resource_lists_are_checked()
    {
        var errors = new FieldErrorList();
        ResourceListRules.Validate(new ResourceList { ["requests.cpu"] = "2", ["bad name!"] = "1", ["memory"] = "-1Gi", ["pods"] = "lots" }, "spec.hard", errors);
        KindAssert.HasError(errors, "spec.hard[bad name!]", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.hard[memory]", FieldErrorKind.Invalid);
        KindAssert.HasError(errors, "spec.hard[pods]", FieldErrorKind.Invalid);
        Assert.DoesNotContain(errors, e => e.Field == "spec.hard[requests.cpu]");
    }

    [Fact]
    public void A_limit_below_usage_is_rejected()
    {
        var errors = new FieldErrorList();
        ResourceListRules.ValidateNotBelowUsed(new ResourceList { ["cpu"] = "500m", ["memory"] = "1Gi" }, new ResourceList { ["cpu"] = "1", ["memory"] = "1024Mi" }, "spec.hard", errors);
        KindAssert.HasError(errors, "spec.hard[cpu]", FieldErrorKind.Invalid);
        Assert.DoesNotContain(errors, e => e.Field == "spec.hard[memory]");
    }

    [Fact]
    public void Resource_lists_accept_numbers_and_write_strings()
    {
        var list = System.Text.Json.JsonSerializer.Deserialize<ResourceList>("""{"cpu":2,"memory":"4Gi"}""", Tke.ApiMachinery.Json.ApiJson.Options)!;
        Assert.Equal("2", list["cpu"]);
        Assert.Equal("""{"cpu":"2","memory":"4Gi"}""", System.Text.Json.JsonSerializer.Serialize(list, Tke.ApiMachinery.Json.ApiJson.Options));
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("1", false)]
    [InlineData("010.0.0.1", false)]
    [InlineData("10.0.0.1/24", false)]
    public void Ip_addresses_are_parsed_strictly(string value, bool valid) => Assert.Equal(valid, NetworkAddress.IsIp(value));

    [Fact]
    public void Private_ranges_and_overlap()
    {
        Assert.True(NetworkAddress.TryParseCidr("172.20.0.0/16", out var inside));
        Assert.True(NetworkAddress.IsPrivateIpv4(inside));
        Assert.True(NetworkAddress.TryParseCidr("172.0.0.0/8", out var wider));
        Assert.False(NetworkAddress.IsPrivateIpv4(wider));
        Assert.True(NetworkAddress.Overlap(inside, wider));
    }
}
