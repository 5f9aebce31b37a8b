using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Notify.Apis.Receivers;

public sealed class ReceiverKind : NotifyKind<Receiver>
{
    public override string Kind => "Receiver";

    public override string Plural => "receivers";

    public override IReadOnlyList<string> ShortNames => ["recv"];

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", r => r.Spec.DisplayName, description: "Receiver name."),
        Column("Username", r => r.Spec.Username, description: "Platform user."),
        Column("Email", r => Identity(r, ReceiverChannels.Email), description: "Email address."),
        Column("Mobile", r => Identity(r, ReceiverChannels.Mobile), description: "Phone number."),
        Column("WeChat OpenID", r => Identity(r, ReceiverChannels.WechatOpenId), priority: 1, description: "WeChat OpenID."),
    ];

    protected override IReadOnlyDictionary<string, Func<Receiver, string?>> TypedSelectableFields => new Dictionary<string, Func<Receiver, string?>>
    {
        ["spec.tenantID"] = r => r.Spec.TenantId,
        ["spec.username"] = r => r.Spec.Username,
    };

    protected override void Validate(Receiver obj, FieldErrorList errors)
    {
        foreach (var (channel, address) in obj.Spec.Identities ?? [])
        {
            var path = $"spec.identities[{channel}]";
            if (!ReceiverChannels.All.Contains(channel))
            {
                errors.NotSupported(path, channel, ReceiverChannels.All);
            }
            else if (channel == ReceiverChannels.Email && address.Length > 0 && !FieldChecks.IsEmail(address))
            {
                errors.Invalid(path, address, "must be an email address");
            }
            else if (channel == ReceiverChannels.Mobile && address.Length > 0 && !FieldChecks.IsMobile(address))
            {
                errors.Invalid(path, address, "must be a phone number");
            }
        }
    }

    protected override void ValidateUpdate(Receiver obj, Receiver old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.TenantUnchanged(obj.Spec.TenantId, old.Spec.TenantId, errors);
    }

    private static string? Identity(Receiver receiver, string channel) => receiver.Spec.Identities?.GetValueOrDefault(channel);
}
