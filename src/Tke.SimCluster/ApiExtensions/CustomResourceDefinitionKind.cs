using System.Globalization;
using Tke.ApiMachinery.Kinds;
using Tke.SimCluster.Shared;

namespace Tke.SimCluster.ApiExtensions;

/// <summary>apiextensions.k8s.io/v1 customresourcedefinitions: defaulting and validation as kube-apiserver
/// does them; the <see cref="CustomResourceDefinitionController"/> keeps their status and serves them.</summary>
public sealed class CustomResourceDefinitionKind : KubernetesKind<CustomResourceDefinition>
{
    /// <summary>Holds a definition until its custom resources are deleted.</summary>
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public override string Group => ApiExtensionsApiGroup.GroupName;

    public override string Kind => "CustomResourceDefinition";

    public override string Plural => ApiExtensionsApiGroup.Resource;

    public override KindScope Scope => KindScope.Cluster;

    public override IReadOnlyList<string> ShortNames => ["crd", "crds"];

    public override IReadOnlyList<string> Categories => ["api-extensions"];

    /// <summary>kubectl prints NAME and CREATED AT for definitions, as for a real cluster.</summary>
    public override bool PrintsAgeColumn => false;

    protected override IReadOnlyList<TableColumn> TypedColumns =>
    [
        Column("Created At", c => c.Metadata.CreationTimestamp?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), "date", description: "The time the definition was created."),
    ];

    protected override void Default(CustomResourceDefinition obj)
    {
        var spec = obj.Spec;
        var names = spec.Names;
        if (string.IsNullOrEmpty(names.Singular) && !string.IsNullOrEmpty(names.Kind))
        {
            names.Singular = names.Kind.ToLowerInvariant();
        }

        if (string.IsNullOrEmpty(names.ListKind) && !string.IsNullOrEmpty(names.Kind))
        {
            names.ListKind = names.Kind + "List";
        }

        spec.Conversion ??= new CustomResourceConversion { Strategy = "None" };
        spec.PreserveUnknownFields ??= false;
        if (IsBeingCreated(obj) && obj.Metadata.Finalizers?.Contains(CleanupFinalizer) != true)
        {
            (obj.Metadata.Finalizers ??= []).Add(CleanupFinalizer);
        }

        foreach (var column in spec.Versions.SelectMany(v => v.AdditionalPrinterColumns ?? []))
        {
            column.Priority ??= 0;
        }
    }

    protected override void Validate(CustomResourceDefinition obj, Tke.ApiMachinery.Validation.FieldErrorList errors) =>
        CustomResourceDefinitionRules.Validate(obj, errors);

    protected override void ValidateUpdate(CustomResourceDefinition obj, CustomResourceDefinition old, Tke.ApiMachinery.Validation.FieldErrorList errors)
    {
        CustomResourceDefinitionRules.Validate(obj, errors);
        if (obj.Spec.Scope != old.Spec.Scope)
        {
            errors.Invalid("spec.scope", obj.Spec.Scope, "field is immutable");
        }

        foreach (var stored in old.Status?.StoredVersions ?? [])
        {
            if (obj.Spec.Versions.All(v => v.Name != stored))
            {
                errors.Invalid("status.storedVersions", stored, "must appear in spec.versions");
            }
        }
    }
}
