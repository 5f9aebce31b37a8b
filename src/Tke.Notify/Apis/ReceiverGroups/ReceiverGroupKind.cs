using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Notify.Apis.ReceiverGroups;

public sealed class ReceiverGroupKind : NotifyKind<ReceiverGroup>
{
    public override string Kind => "ReceiverGroup";

    public override string Plural => "receivergroups";

    public override IReadOnlyList<string> ShortNames => ["recvgrp"];

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", g => g.Spec.DisplayName, description: "Group name."),
        Column("Receivers", g => g.Spec.Receivers?.Count ?? 0, "integer", description: "Number of members."),
        Column("Tenant", g => g.Spec.TenantId, priority: 1, description: "Owning tenant."),
    ];

    protected override IReadOnlyDictionary<string, Func<ReceiverGroup, string?>> TypedSelectableFields => new Dictionary<string, Func<ReceiverGroup, string?>>
    {
        ["spec.tenantID"] = g => g.Spec.TenantId,
    };

    protected override void Validate(ReceiverGroup obj, FieldErrorList errors) =>
        FieldChecks.DistinctNames(obj.Spec.Receivers, "spec.receivers", errors);

    protected override void ValidateUpdate(ReceiverGroup obj, ReceiverGroup old, FieldErrorList errors)
    {
        Validate(obj, errors);
        FieldChecks.TenantUnchanged(obj.Spec.TenantId, old.Spec.TenantId, errors);
    }
}
