using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Schema;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.CustomResources;

/// <summary>
/// One served version of a custom resource: a kind without a C# type whose objects are
/// <see cref="UnstructuredObject"/>s checked, defaulted and pruned by a schema that comes from data
/// (a CustomResourceDefinition's openAPIV3Schema). Registered in the <see cref="KindCatalog"/> at run time.
/// </summary>
public sealed class CustomResourceKind : KindDefinition
{
    private static readonly IReadOnlyDictionary<string, Func<ApiObject, string?>> NoSelectableFields = new Dictionary<string, Func<ApiObject, string?>>();

    private readonly JsonObject _openApiV3Schema;
    private readonly IReadOnlyList<TableColumn> _columns;

    public CustomResourceKind(string group, string version, CustomResourceNames names, KindScope scope, JsonObject openApiV3Schema, bool statusSubresource, IReadOnlyList<PrinterColumn> printerColumns)
    {
        Group = group;
        Version = version;
        Names = names;
        Scope = scope;
        _openApiV3Schema = (JsonObject)openApiV3Schema.DeepClone();
        HasStatusSubresource = statusSubresource;
        PrinterColumns = printerColumns;
        _columns = printerColumns.Select(c => new TableColumn(c.Name, c.Type, c.Description, c.Priority, c.Cell)).ToArray();
    }

    public CustomResourceNames Names { get; }

    public IReadOnlyList<PrinterColumn> PrinterColumns { get; }

    public override string Group { get; }

    public override string Version { get; }

    public override string Kind => Names.Kind;

    public override string Plural => Names.Plural;

    public override string Singular => Names.Singular;

    public override string ListKind => Names.ListKind;

    public override IReadOnlyList<string> ShortNames => Names.ShortNames;

    public override IReadOnlyList<string> Categories => Names.Categories;

    public override KindScope Scope { get; }

    public override bool HasStatusSubresource { get; }

    public override bool SupportsStrategicMergePatch => false;

    /// <summary>Every version of a custom resource shares one storage prefix; without conversion webhooks,
    /// versions differ only in apiVersion, which is rewritten on the way out.</summary>
    public override bool RewritesApiVersion => true;

    /// <summary>Without printer columns a custom resource prints NAME and AGE; with them, exactly those.</summary>
    public override bool PrintsAgeColumn => _columns.Count == 0;

    public override Type ObjectType => typeof(UnstructuredObject);

    public override IReadOnlyList<TableColumn> Columns => _columns;

    public override IReadOnlyDictionary<string, Func<ApiObject, string?>> SelectableFields => NoSelectableFields;

    // The schema checks, defaults and prunes the body when it is decoded; there is nothing kind-specific left.
    public override void ApplyDefaults(ApiObject obj)
    {
    }

    public override void ValidateCreate(ApiObject obj, FieldErrorList errors)
    {
    }

    public override void ValidateUpdate(ApiObject obj, ApiObject old, FieldErrorList errors)
    {
    }

    public override void ValidateStatusUpdate(ApiObject obj, ApiObject old, FieldErrorList errors)
    {
    }

    protected override SchemaNode BuildSchema() => OpenApiSchemaReader.ReadKindRoot(_openApiV3Schema, Group, Version, Kind);
}
