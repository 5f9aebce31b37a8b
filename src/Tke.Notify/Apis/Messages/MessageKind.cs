using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Notify.Apis.Messages;

public sealed class MessageKind : NotifyKind<Message>
{
    public override string Kind => "Message";

    public override string Plural => "messages";

    public override IReadOnlyList<string> ShortNames => ["msg"];

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Alarm Policy", m => m.Spec.AlarmPolicyType, description: "Type of the alarm policy that raised the message."),
        Column("Cluster ID", m => m.Spec.ClusterId, description: "Cluster the alarm came from."),
        Column("Status", m => m.Status?.AlertStatus, description: "Alarm state."),
        Column("Receiver", m => m.Spec.ReceiverName, description: "Receiver."),
        Column("Channel", m => m.Spec.ReceiverChannel, priority: 1, description: "Address kind used."),
        Column("Phase", m => m.Status?.Phase, priority: 1, description: "Unread or Read."),
    ];

    protected override IReadOnlyDictionary<string, Func<Message, string?>> TypedSelectableFields => new Dictionary<string, Func<Message, string?>>
    {
        ["spec.tenantID"] = m => m.Spec.TenantId,
        ["spec.receiverName"] = m => m.Spec.ReceiverName,
        ["spec.username"] = m => m.Spec.Username,
        ["spec.channelMessageID"] = m => m.Spec.ChannelMessageId,
        ["status.phase"] = m => m.Status?.Phase,
    };

    protected override void Default(Message obj)
    {
        obj.Status ??= new MessageStatus();
        if (string.IsNullOrEmpty(obj.Status.Phase))
        {
            obj.Status.Phase = MessagePhases.Unread;
        }
    }

    protected override void ValidateUpdate(Message obj, Message old, FieldErrorList errors) =>
        FieldChecks.TenantUnchanged(obj.Spec.TenantId, old.Spec.TenantId, errors);
}
