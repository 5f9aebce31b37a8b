using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Notify.Apis.Templates;

public sealed class TemplateKind : NotifyKind<Template>
{
    public override string Kind => "Template";

    public override string Plural => "templates";

    public override IReadOnlyList<string> ShortNames => ["tpl"];

    public override KindScope Scope => KindScope.Namespaced;

    public override bool HasStatusSubresource => false;

    /// <summary>Which body the template carries: "text", "tencentCloudSMS", "wechat", or null.</summary>
    public static string? BodyOf(TemplateSpec spec) =>
        spec.Text is not null ? "text" : spec.TencentCloudSms is not null ? "tencentCloudSMS" : spec.Wechat is not null ? "wechat" : null;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", t => t.Spec.DisplayName, description: "Template name."),
        Column("Body", t => BodyOf(t.Spec), description: "Kind of body."),
        Column("Keys", t => string.Join(",", t.Spec.Keys ?? []), priority: 1, description: "Variables used."),
        Column("Tenant", t => t.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<Template, string?>> TypedSelectableFields => new Dictionary<string, Func<Template, string?>>
    {
        ["spec.tenantID"] = t => t.Spec.TenantId,
    };

    protected override void Validate(Template obj, FieldErrorList errors)
    {
        if (BodyOf(obj.Spec) is null)
        {
            errors.Required("spec", "must specify a template body: `text`, `tencentCloudSMS` or `wechat`");
        }

        if (obj.Spec.Wechat is { Url.Length: > 0 } wechat && !FieldChecks.IsHttpUrl(wechat.Url))
        {
            errors.Invalid("spec.wechat.url", wechat.Url, "must be an http or https URL");
        }
    }

    protected override void ValidateUpdate(Template obj, Template old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.TenantUnchanged(obj.Spec.TenantId, old.Spec.TenantId, errors);
    }
}
