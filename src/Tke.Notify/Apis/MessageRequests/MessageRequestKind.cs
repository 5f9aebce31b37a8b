using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Notify.Apis.MessageRequests;

public sealed class MessageRequestKind : NotifyKind<MessageRequest>
{
    public override string Kind => "MessageRequest";

    public override string Plural => "messagerequests";

    public override KindScope Scope => KindScope.Namespaced;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Template", r => r.Spec.TemplateName, description: "Template sent."),
        Column("Receivers", r => r.Spec.Receivers?.Count ?? 0, "integer", description: "Number of receivers."),
        Column("Receiver Groups", r => r.Spec.ReceiverGroups?.Count ?? 0, "integer", description: "Number of receiver groups."),
        Column("Phase", r => r.Status?.Phase, description: "Delivery phase."),
    ];

    protected override IReadOnlyDictionary<string, Func<MessageRequest, string?>> TypedSelectableFields => new Dictionary<string, Func<MessageRequest, string?>>
    {
        ["spec.tenantID"] = r => r.Spec.TenantId,
        ["status.phase"] = r => r.Status?.Phase,
    };

    protected override void Default(MessageRequest obj)
    {
        obj.Status ??= new MessageRequestStatus();
        if (string.IsNullOrEmpty(obj.Status.Phase))
        {
            obj.Status.Phase = MessageRequestPhases.Pending;
        }
    }

    protected override void Validate(MessageRequest obj, FieldErrorList errors)
    {
        if (obj.Spec.Receivers is not { Count: > 0 } && obj.Spec.ReceiverGroups is not { Count: > 0 })
        {
            errors.Required("spec.receivers", "must specify at least one receiver or receiver group");
        }

        FieldChecks.DistinctNames(obj.Spec.Receivers, "spec.receivers", errors);
        FieldChecks.DistinctNames(obj.Spec.ReceiverGroups, "spec.receiverGroups", errors);
    }

    protected override void ValidateUpdate(MessageRequest obj, MessageRequest old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.TenantUnchanged(obj.Spec.TenantId, old.Spec.TenantId, errors);
    }
}
