using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Notify.Apis.Channels;

public sealed class ChannelKind : NotifyKind<Channel>
{
    public override string Kind => "Channel";

    public override string Plural => "channels";

    public override IReadOnlyList<string> ShortNames => ["chn"];

    public override string? DefaultGenerateName => "chn-";

    /// <summary>The spec field of the channel's delivery method, or null when none or several are set.</summary>
    public static string? MethodOf(ChannelSpec spec)
    {
        var methods = Methods(spec).ToList();
        return methods.Count == 1 ? methods[0] : null;
    }

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", c => c.Spec.DisplayName, description: "Channel name."),
        Column("Type", c => MethodOf(c.Spec), description: "Delivery method."),
        Column("Phase", c => c.Status?.Phase, description: "Lifecycle phase."),
        Column("Tenant", c => c.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<Channel, string?>> TypedSelectableFields => new Dictionary<string, Func<Channel, string?>>
    {
        ["spec.tenantID"] = c => c.Spec.TenantId,
        ["status.phase"] = c => c.Status?.Phase,
    };

    protected override void Validate(Channel obj, FieldErrorList errors)
    {
        var methods = Methods(obj.Spec).Count();
        if (methods == 0)
        {
            errors.Required("spec", "must specify one of channel type: `tencentCloudSMS`, `wechat`, `webhook` or `smtp`");
        }
        else if (methods > 1)
        {
            errors.Forbidden("spec", "may not specify more than 1 channel type: `tencentCloudSMS`, `wechat`, `webhook` or `smtp`");
        }

        if (obj.Spec.Smtp is { Email.Length: > 0 } smtp && !FieldChecks.IsEmail(smtp.Email))
        {
            errors.Invalid("spec.smtp.email", smtp.Email, "must be an email address");
        }

        if (obj.Spec.Webhook is { Url.Length: > 0 } webhook && !FieldChecks.IsHttpUrl(webhook.Url))
        {
            errors.Invalid("spec.webhook.url", webhook.Url, "must be an http or https URL");
        }
    }

    protected override void ValidateUpdate(Channel obj, Channel old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.TenantUnchanged(obj.Spec.TenantId, old.Spec.TenantId, errors);
    }

    private static IEnumerable<string> Methods(ChannelSpec spec)
    {
        if (spec.TencentCloudSms is not null)
        {
            yield return "tencentCloudSMS";
        }

        if (spec.Wechat is not null)
        {
            yield return "wechat";
        }

        if (spec.Smtp is not null)
        {
            yield return "smtp";
        }

        if (spec.Webhook is not null)
        {
            yield return "webhook";
        }
    }
}
