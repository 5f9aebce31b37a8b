using Tke.ApiMachinery.Validation;
using Tke.SimCluster.ApiExtensions;
using Tke.SimCluster.Tests.Kinds;

namespace Tke.SimCluster.Tests.ApiExtensions;

public sealed class CustomResourceDefinitionValidationTests
{
    private static readonly CustomResourceDefinitionKind Kind = new();

    private static FieldErrorList Errors(string yaml) =>
        KindDecoding.ValidateCreate(Kind, KindDecoding.DecodeStrict<CustomResourceDefinition>(Kind, yaml));

    private static string Messages(string yaml) => string.Join("\n", Errors(yaml).Select(e => e.Message));

    [Fact]
    public void The_documented_definition_is_valid_and_defaulted()
    {
        var crd = KindDecoding.DecodeStrict<CustomResourceDefinition>(Kind, CronTabDefinition.Yaml);
        var errors = KindDecoding.ValidateCreate(Kind, crd);

        Assert.Empty(errors);
        Assert.Equal("crontab", crd.Spec.Names.Singular);
        Assert.Equal("CronTabList", crd.Spec.Names.ListKind);
        Assert.Equal("None", crd.Spec.Conversion!.Strategy);
        Assert.Contains(CustomResourceDefinitionKind.CleanupFinalizer, crd.Metadata.Finalizers!);
    }

    [Fact]
    public void The_name_must_be_plural_dot_group()
    {
        Assert.Contains(
            "metadata.name: Invalid value: \"cron.stable.example.com\": must be spec.names.plural+\".\"+spec.group",
            Messages(CronTabDefinition.With("name: crontabs.stable.example.com", "name: cron.stable.example.com")));
    }

    [Fact]
    public void The_group_must_contain_a_dot()
    {
        var messages = Messages(CronTabDefinition.With("group: stable.example.com", "group: stable").Replace("crontabs.stable.example.com", "crontabs.stable"));
        Assert.Contains("spec.group: Invalid value: \"stable\": should be a domain with at least one dot", messages);
    }

    [Fact]
    public void Exactly_one_version_must_be_the_storage_version()
    {
        var twoStorage = CronTabDefinition.With("  versions:\n", "  versions:\n  - name: v2\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n");
        Assert.Contains("spec.versions: Invalid value: \"storage versions [v2, v1]\": must have exactly one version marked as storage version", Messages(twoStorage));

        var none = CronTabDefinition.With("storage: true", "storage: false");
        Assert.Contains("must have exactly one version marked as storage version", Messages(none));
    }

    [Fact]
    public void A_schema_is_required_and_must_be_structural()
    {
        var noSchema = CronTabDefinition.Yaml[..CronTabDefinition.Yaml.IndexOf("    schema:", StringComparison.Ordinal)];
        Assert.Contains("spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required", Messages(noSchema));

        var untyped = CronTabDefinition.With("      image:\n                type: string", "      image: {}");
        Assert.Contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[image].type: Required value: must not be empty for specified object fields", Messages(untyped));

        var rootString = CronTabDefinition.With("openAPIV3Schema:\n        type: object", "openAPIV3Schema:\n        type: string");
        Assert.Contains("spec.versions[0].schema.openAPIV3Schema.type: Invalid value: \"string\": must be object at the root", Messages(rootString));
    }

    [Fact]
    public void A_default_must_pass_its_own_schema()
    {
        var messages = Messages(CronTabDefinition.With("default: 1", "default: 0"));
        Assert.Contains("spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[replicas].default: Invalid value: \"0\"", messages);
        Assert.Contains("should be greater than or equal to 1", messages);
    }

    [Fact]
    public void Webhook_conversion_is_refused_because_the_simulated_cluster_has_none()
    {
        var webhook = CronTabDefinition.With("  scope: Namespaced", "  scope: Namespaced\n  conversion:\n    strategy: Webhook");
        Assert.Contains("spec.conversion.strategy: Forbidden: conversion webhooks are not supported by this simulated cluster", Messages(webhook));
    }

    [Fact]
    public void Names_are_checked_as_kubernetes_does()
    {
        var messages = Messages(CronTabDefinition.With("kind: CronTab", "kind: CronTab\n    listKind: CronTab\n    singular: Cron_Tab"));
        Assert.Contains("spec.names.listKind: Invalid value: \"CronTab\": kind and listKind may not be the same", messages);
        Assert.Contains("spec.names.singular: Invalid value: \"Cron_Tab\"", messages);

        var badScope = Messages(CronTabDefinition.With("scope: Namespaced", "scope: Global"));
        Assert.Contains("spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"", badScope);
    }

    [Fact]
    public void Printer_columns_need_a_known_type_and_a_simple_json_path()
    {
        var messages = Messages(CronTabDefinition.With("type: integer\n      jsonPath: .spec.replicas", "type: count\n      jsonPath: spec.replicas"));
        Assert.Contains("spec.versions[0].additionalPrinterColumns[1].type: Unsupported value: \"count\"", messages);
        Assert.Contains("spec.versions[0].additionalPrinterColumns[1].jsonPath: Invalid value: \"spec.replicas\": must be a simple json path starting with .", messages);
    }

    [Fact]
    public void The_scope_cannot_change()
    {
        var old = KindDecoding.DecodeStrict<CustomResourceDefinition>(Kind, CronTabDefinition.Yaml);
        var updated = KindDecoding.DecodeStrict<CustomResourceDefinition>(Kind, CronTabDefinition.With("scope: Namespaced", "scope: Cluster"));
        updated.Metadata.ResourceVersion = "5";
        Kind.ApplyDefaults(updated);
        var errors = new FieldErrorList();
        Kind.ValidateUpdate(updated, old, errors);

        Assert.Contains("spec.scope: Invalid value: \"Cluster\": field is immutable", errors.Select(e => e.Message));
    }
}
