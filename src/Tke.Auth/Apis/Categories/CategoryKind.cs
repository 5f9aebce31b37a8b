using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;

namespace Tke.Auth.Apis.Categories;

public sealed class CategoryKind : AuthKind<Category>
{
    public override string Kind => "Category";

    public override string Plural => "categories";

    public override bool HasStatusSubresource => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Display Name", c => c.Spec.DisplayName, description: "Name shown in the policy editor."),
        Column("Actions", c => c.Spec.Actions.Count, "integer", description: "Number of actions."),
    ];

    protected override void Validate(Category obj, FieldErrorList errors) =>
        FieldChecks.DistinctNames(obj.Spec.Actions.Select(a => a.Name).ToList(), "Spec.actions", errors);
}
