using Tke.ApiMachinery.Validation;
using Tke.Notify.Apis.MessageRequests;
using Tke.Notify.Apis.Messages;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Notify;

public class MessageKindTests
{
    private static MessageRequest SampleRequest() => new()
    {
        Metadata = { Name = "mr-1", Namespace = "chn-mail" },
        Spec = new MessageRequestSpec
        {
            TenantId = "default",
            TemplateName = "tpl-alarm",
            Receivers = ["rcv-jane"],
            ReceiverGroups = ["rg-ops"],
            Variables = new() { ["metric"] = "cpu" },
        },
    };

    private static Message SampleMessage() => new()
    {
        Metadata = { Name = "msg-1" },
        Spec = new MessageSpec
        {
            TenantId = "default",
            ReceiverName = "rcv-jane",
            ReceiverChannel = "email",
            Identity = "jane@example.com",
            Username = "jane",
            Header = "Alarm",
            Body = "cpu is high",
            ChannelMessageId = "m-42",
            AlarmPolicyType = "cluster",
            ClusterId = "cls-1",
        },
        Status = new MessageStatus { Phase = "Unread", AlertStatus = "firing" },
    };

    [Fact]
    public void Message_request_schema_defaults_and_rules()
    {
        var kind = new MessageRequestKind();
        HasFields(kind, "spec.tenantID", "spec.templateName", "spec.receivers", "spec.receiverGroups", "spec.variables",
            "status.phase", "status.lastTransitionTime", "status.errors");
        IsRequired(kind, "spec", "templateName");
        Valid(Create(kind, SampleRequest()));

        var request = SampleRequest();
        kind.ApplyDefaults(request);
        Assert.Equal("Pending", request.Status!.Phase);

        var nobody = SampleRequest();
        nobody.Spec.Receivers = null;
        nobody.Spec.ReceiverGroups = [];
        Single(Create(kind, nobody), "spec.receivers", FieldErrorKind.Required);
    }

    [Fact]
    public void Message_request_json_table_and_selectors()
    {
        var kind = new MessageRequestKind();
        var request = SampleRequest();
        request.Status = new MessageRequestStatus { Phase = "PartialFailure", Errors = new() { ["rcv-jane"] = "mailbox full" } };
        var json = RoundTrip(request);
        Assert.Equal("cpu", At(json, "spec.variables.metric")!.GetValue<string>());
        Assert.Equal("mailbox full", At(json, "status.errors")!["rcv-jane"]!.GetValue<string>());
        var cells = Cells(kind, request);
        Assert.Equal("tpl-alarm", cells["Template"]);
        Assert.Equal(1, cells["Receivers"]);
        Assert.Equal(1, cells["Receiver Groups"]);
        Assert.Equal("PartialFailure", cells["Phase"]);
        Assert.Equal("PartialFailure", Selected(kind, request, "status.phase"));
    }

    [Fact]
    public void Message_schema_and_rules()
    {
        var kind = new MessageKind();
        HasFields(kind, "spec.tenantID", "spec.receiverName", "spec.receiverChannel", "spec.identity", "spec.username",
            "spec.header", "spec.body", "spec.channelMessageID", "spec.alarmPolicyType", "spec.clusterID",
            "status.phase", "status.lastTransitionTime", "status.alertStatus");
        HasEnum(kind, "spec.receiverChannel", "mobile", "email", "wechat_openid");
        IsRequired(kind, "spec", "receiverName");
        IsRequired(kind, "spec", "identity");
        Valid(Create(kind, SampleMessage()));

        var message = SampleMessage();
        message.Status = null;
        kind.ApplyDefaults(message);
        Assert.Equal("Unread", message.Status!.Phase);

        var moved = SampleMessage();
        moved.Spec.TenantId = "t2";
        Single(Update(kind, moved, SampleMessage()), "spec.tenantID", FieldErrorKind.Forbidden);
    }

    [Fact]
    public void Message_json_table_and_selectors()
    {
        var kind = new MessageKind();
        var json = RoundTrip(SampleMessage());
        Assert.Equal("m-42", At(json, "spec.channelMessageID")!.GetValue<string>());
        Assert.Equal("cls-1", At(json, "spec.clusterID")!.GetValue<string>());
        var cells = Cells(kind, SampleMessage());
        Assert.Equal("cluster", cells["Alarm Policy"]);
        Assert.Equal("cls-1", cells["Cluster ID"]);
        Assert.Equal("firing", cells["Status"]);
        Assert.Equal("rcv-jane", cells["Receiver"]);
        foreach (var (field, value) in new[] { ("spec.receiverName", "rcv-jane"), ("spec.username", "jane"), ("spec.channelMessageID", "m-42"), ("status.phase", "Unread"), ("spec.tenantID", "default") })
        {
            Assert.Equal(value, Selected(kind, SampleMessage(), field));
        }
    }
}
