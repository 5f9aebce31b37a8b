using Tke.ApiMachinery.Kinds;
using Tke.Notify.Apis;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Notify;

public class NotifyApiGroupTests
{
    private readonly NotifyApiGroup _group = new();

    [Fact]
    public void Group_is_well_formed()
    {
        WellFormedGroup(_group);
        Assert.Equal("notify.tkestack.io", _group.Name);
    }

    [Theory]
    [InlineData("Channel", "channels", KindScope.Cluster, "chn", true)]
    [InlineData("Template", "templates", KindScope.Namespaced, "tpl", false)]
    [InlineData("Receiver", "receivers", KindScope.Cluster, "recv", false)]
    [InlineData("ReceiverGroup", "receivergroups", KindScope.Cluster, "recvgrp", false)]
    [InlineData("MessageRequest", "messagerequests", KindScope.Namespaced, null, true)]
    [InlineData("Message", "messages", KindScope.Cluster, "msg", true)]
    [InlineData("ConfigMap", "configmaps", KindScope.Cluster, null, false)]
    public void Kind_is_served_as_in_tkestack(string kind, string plural, KindScope scope, string? shortName, bool status)
    {
        var definition = Assert.Single(_group.Kinds, k => k.Kind == kind);
        Assert.Equal(plural, definition.Plural);
        Assert.Equal(scope, definition.Scope);
        Assert.Equal(shortName is null ? [] : new[] { shortName }, definition.ShortNames);
        Assert.Equal(status, definition.HasStatusSubresource);
    }
}
