using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.Business.Apis;
using Tke.Business.Apis.Portals;

namespace Tke.Apis.Tests.Business;

public class PortalTests
{
    [Fact]
    public void Portal_json_uses_TKEStack_field_names()
    {
        var portal = new Portal
        {
            ApiVersion = "business.tkestack.io/v1",
            Kind = "Portal",
            Administrator = true,
            Projects = new() { ["prj-abcd1234"] = "my-business" },
            Extension = new() { ["prj-abcd1234"] = new PortalProject { Phase = "Active", Parent = "" } },
        };
        var json = JsonNode.Parse(JsonSerializer.Serialize(portal, ApiJson.Options))!;
        Assert.True(json["administrator"]!.GetValue<bool>());
        Assert.Equal("my-business", json["projects"]!["prj-abcd1234"]!.GetValue<string>());
        Assert.Equal("Active", json["extension"]!["prj-abcd1234"]!["phase"]!.GetValue<string>());
        Assert.Equal("", json["extension"]!["prj-abcd1234"]!["parent"]!.GetValue<string>());
    }

    [Fact]
    public void An_empty_portal_still_lists_empty_projects()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(new Portal(), ApiJson.Options))!;
        Assert.False(json["administrator"]!.GetValue<bool>());
        Assert.Empty(json["projects"]!.AsObject());
    }

    [Fact]
    public void Portal_is_not_a_stored_kind() =>
        Assert.DoesNotContain(new BusinessApiGroup().Kinds, k => k.ObjectType == typeof(Portal) || k.Plural == "portal");
}
