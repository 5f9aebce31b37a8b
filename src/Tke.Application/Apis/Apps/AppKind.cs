using System.Text.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tke.Application.Apis.Apps;

public sealed class AppKind : ApplicationKind<App>
{
    public override string Kind => "App";

    public override string Plural => "apps";

    public override IReadOnlyList<string> ShortNames => ["app"];

    public override KindScope Scope => KindScope.Namespaced;

    public override string? DefaultGenerateName => "app-";

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Release", a => a.Spec.Name, description: "Helm release name."),
        Column("Chart", a => a.Spec.Chart.ChartName, description: "Chart name."),
        Column("Chart Version", a => a.Spec.Chart.ChartVersion, description: "Chart version."),
        Column("Status", a => a.Status?.Phase, description: "Release phase."),
        Column("Cluster", a => a.Spec.TargetCluster, priority: 1, description: "Target cluster."),
        Column("Target Namespace", a => a.Spec.TargetNamespace, priority: 1, description: "Namespace in the target cluster."),
    ];

    protected override IReadOnlyDictionary<string, Func<App, string?>> TypedSelectableFields => new Dictionary<string, Func<App, string?>>
    {
        ["spec.tenantID"] = a => a.Spec.TenantId,
        ["spec.name"] = a => a.Spec.Name,
        ["spec.type"] = a => a.Spec.Type,
        ["spec.targetCluster"] = a => a.Spec.TargetCluster,
        ["spec.targetNamespace"] = a => a.Spec.TargetNamespace,
    };

    protected override void Default(App obj)
    {
        if (string.IsNullOrEmpty(obj.Spec.Type))
        {
            obj.Spec.Type = AppTypes.HelmV3;
        }

        // Apps live in the namespace named after their cluster.
        if (string.IsNullOrEmpty(obj.Spec.TargetCluster) && !string.IsNullOrEmpty(obj.Metadata.Namespace))
        {
            obj.Spec.TargetCluster = obj.Metadata.Namespace;
        }

        if (string.IsNullOrEmpty(obj.Spec.Chart.TenantId))
        {
            obj.Spec.Chart.TenantId = obj.Spec.TenantId;
        }

        if (obj.Spec.Values is { RawValues.Length: > 0, RawValuesType: null or "" } values)
        {
            values.RawValuesType = RawValuesTypes.Yaml;
        }
    }

    protected override void Validate(App obj, FieldErrorList errors)
    {
        // Checked after defaulting rather than in the schema: Go clients send "" for an unset type.
        if (!AppTypes.All.Contains(obj.Spec.Type))
        {
            errors.NotSupported("spec.type", obj.Spec.Type, AppTypes.All);
        }

        if (string.IsNullOrEmpty(obj.Spec.TargetCluster))
        {
            errors.Required("spec.targetCluster", "must specify targetCluster");
        }

        if (obj.Spec.Values is { RawValues.Length: > 0 } values && RawValuesProblem(values) is { } problem)
        {
            errors.Invalid("spec.values.rawValues", "<values>", problem);
        }
    }

    protected override void ValidateUpdate(App obj, App old, FieldErrorList errors)
    {
        Validate(obj, errors);
        if (!string.Equals(obj.Spec.TenantId, old.Spec.TenantId, StringComparison.Ordinal))
        {
            errors.Forbidden("spec.tenantID", "the tenant cannot be changed");
        }

        Unchanged(obj.Spec.Type, old.Spec.Type, "spec.type", errors);
        Unchanged(obj.Spec.Name, old.Spec.Name, "spec.name", errors);
        Unchanged(obj.Spec.TargetCluster, old.Spec.TargetCluster, "spec.targetCluster", errors);
    }

    private static void Unchanged(string current, string previous, string path, FieldErrorList errors)
    {
        if (!string.Equals(current, previous, StringComparison.Ordinal))
        {
            errors.Invalid(path, current, "field is immutable");
        }
    }

    /// <summary>Why the raw values do not parse in their declared format, or null when they do.</summary>
    private static string? RawValuesProblem(AppValues values)
    {
        try
        {
            if (values.RawValuesType == RawValuesTypes.Json)
            {
                using var _ = JsonDocument.Parse(values.RawValues!);
            }
            else
            {
                new YamlStream().Load(new StringReader(values.RawValues!));
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"not valid JSON (line {e.LineNumber + 1})";
        }
        catch (YamlException e)
        {
            return $"not valid YAML (line {e.Start.Line})";
        }
    }
}
