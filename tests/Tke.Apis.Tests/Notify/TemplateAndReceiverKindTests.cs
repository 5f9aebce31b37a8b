using Tke.ApiMachinery.Validation;
using Tke.Notify.Apis.ReceiverGroups;
using Tke.Notify.Apis.Receivers;
using Tke.Notify.Apis.Templates;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Notify;

public class TemplateAndReceiverKindTests
{
    private static Template TextTemplate() => new()
    {
        Metadata = { Name = "tpl-alarm", Namespace = "chn-mail" },
        Spec = new TemplateSpec { TenantId = "default", DisplayName = "alarm", Keys = ["metric"], Text = new TemplateText { Header = "Alarm", Body = "{{.metric}} is high" } },
    };

    private static Receiver SampleReceiver() => new()
    {
        Metadata = { Name = "rcv-jane" },
        Spec = new ReceiverSpec
        {
            TenantId = "default",
            DisplayName = "Jane",
            Username = "jane",
            Identities = new() { ["email"] = "jane@example.com", ["mobile"] = "13800138000", ["wechat_openid"] = "o6_bmjrPTlm6_2sgVt7hMZOPfL2M" },
        },
    };

    private static ReceiverGroup SampleGroup() => new()
    {
        Metadata = { Name = "rg-ops" },
        Spec = new ReceiverGroupSpec { TenantId = "default", DisplayName = "ops", Receivers = ["rcv-jane", "rcv-john"] },
    };

    [Fact]
    public void Template_schema_has_per_channel_bodies()
    {
        var kind = new TemplateKind();
        HasFields(kind, "spec.tenantID", "spec.displayName", "spec.keys", "spec.text.body", "spec.text.header",
            "spec.tencentCloudSMS.templateID", "spec.tencentCloudSMS.sign", "spec.tencentCloudSMS.body",
            "spec.wechat.templateID", "spec.wechat.url", "spec.wechat.miniProgramAppID", "spec.wechat.miniProgramPagePath", "spec.wechat.body");
        IsRequired(kind, "spec.text", "body");
        IsRequired(kind, "spec.wechat", "templateID");
        IsRequired(kind, "spec.tencentCloudSMS", "templateID");
        Assert.Null(kind.Schema.Properties!.GetValueOrDefault("status"));
    }

    [Fact]
    public void Template_needs_a_body()
    {
        var kind = new TemplateKind();
        Valid(Create(kind, TextTemplate()));

        var empty = TextTemplate();
        empty.Spec.Text = null;
        Single(Create(kind, empty), "spec", FieldErrorKind.Required);

        var wechat = TextTemplate();
        wechat.Spec.Text = null;
        wechat.Spec.Wechat = new TemplateWechat { TemplateId = "t1", Url = "not a url" };
        Single(Create(kind, wechat), "spec.wechat.url", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Template_json_table_and_selectors()
    {
        var kind = new TemplateKind();
        var json = RoundTrip(TextTemplate());
        Assert.Equal("{{.metric}} is high", At(json, "spec.text.body")!.GetValue<string>());
        var cells = Cells(kind, TextTemplate());
        Assert.Equal("alarm", cells["Display Name"]);
        Assert.Equal("text", cells["Body"]);
        Assert.Equal("metric", cells["Keys"]);
        Assert.Equal("default", Selected(kind, TextTemplate(), "spec.tenantID"));
    }

    [Fact]
    public void Receiver_identities_are_keyed_by_channel()
    {
        var kind = new ReceiverKind();
        HasFields(kind, "spec.tenantID", "spec.displayName", "spec.username", "spec.identities");
        Assert.NotNull(Node(kind, "spec.identities").AdditionalProperties);
        Valid(Create(kind, SampleReceiver()));

        var unknown = SampleReceiver();
        unknown.Spec.Identities!["fax"] = "123";
        Single(Create(kind, unknown), "spec.identities[fax]", FieldErrorKind.NotSupported);

        var badEmail = SampleReceiver();
        badEmail.Spec.Identities!["email"] = "jane";
        Single(Create(kind, badEmail), "spec.identities[email]", FieldErrorKind.Invalid);

        var badMobile = SampleReceiver();
        badMobile.Spec.Identities!["mobile"] = "call me";
        Single(Create(kind, badMobile), "spec.identities[mobile]", FieldErrorKind.Invalid);
    }

    [Fact]
    public void Receiver_json_table_and_selectors()
    {
        var kind = new ReceiverKind();
        var json = RoundTrip(SampleReceiver());
        Assert.Equal("13800138000", At(json, "spec.identities.mobile")!.GetValue<string>());
        var cells = Cells(kind, SampleReceiver());
        Assert.Equal("Jane", cells["Display Name"]);
        Assert.Equal("jane@example.com", cells["Email"]);
        Assert.Equal("13800138000", cells["Mobile"]);
        Assert.Equal("jane", Selected(kind, SampleReceiver(), "spec.username"));
    }

    [Fact]
    public void Receiver_group_rules_json_and_table()
    {
        var kind = new ReceiverGroupKind();
        HasFields(kind, "spec.tenantID", "spec.displayName", "spec.receivers");
        Valid(Create(kind, SampleGroup()));

        var repeated = SampleGroup();
        repeated.Spec.Receivers!.Add("rcv-jane");
        Single(Create(kind, repeated), "spec.receivers[2]", FieldErrorKind.Duplicate);

        var json = RoundTrip(SampleGroup());
        Assert.Equal("rcv-john", At(json, "spec.receivers")![1]!.GetValue<string>());
        Assert.Equal(2, Cells(kind, SampleGroup())["Receivers"]);
        Assert.Equal("default", Selected(kind, SampleGroup(), "spec.tenantID"));
    }
}
