using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.SimCluster.ApiExtensions;

[Description("CustomResourceDefinition represents a resource that should be exposed on the API server. Its name MUST be in the format <.spec.name>.<.spec.group>.")]
public sealed class CustomResourceDefinition : ApiObject<CustomResourceDefinitionSpec, CustomResourceDefinitionStatus>
{
}

[Description("CustomResourceDefinitionSpec describes how a user wants their resource to appear.")]
public sealed class CustomResourceDefinitionSpec
{
    [JsonPropertyName("group"), RequiredField, Description("group is the API group of the defined custom resource. Must match the name of the CustomResourceDefinition (in the form `<names.plural>.<group>`).")]
    public string Group { get; set; } = "";

    [JsonPropertyName("names"), RequiredField, Description("names specify the resource and kind names for the custom resource.")]
    public CustomResourceDefinitionNames Names { get; set; } = new();

    [JsonPropertyName("scope"), RequiredField, Description("scope indicates whether the defined custom resource is cluster- or namespace-scoped. Allowed values are `Cluster` and `Namespaced`.")]
    public string Scope { get; set; } = "";

    [JsonPropertyName("versions"), RequiredField, Description("versions is the list of all API versions of the defined custom resource. Exactly one version must be the storage version.")]
    public List<CustomResourceDefinitionVersion> Versions { get; set; } = [];

    [JsonPropertyName("conversion"), Description("conversion defines conversion settings for the CRD. This simulated cluster supports only the None strategy.")]
    public CustomResourceConversion? Conversion { get; set; }

    [JsonPropertyName("preserveUnknownFields"), Description("preserveUnknownFields must be false: use x-kubernetes-preserve-unknown-fields in the schema instead.")]
    public bool? PreserveUnknownFields { get; set; }
}

[Description("CustomResourceDefinitionNames indicates the names to serve this CustomResourceDefinition.")]
public sealed class CustomResourceDefinitionNames
{
    [JsonPropertyName("plural"), RequiredField, Description("plural is the plural name of the resource to serve, used in URLs. Must be all lowercase.")]
    public string Plural { get; set; } = "";

    [JsonPropertyName("singular"), Description("singular is the singular name of the resource. Must be all lowercase. Defaults to the lowercased kind.")]
    public string? Singular { get; set; }

    [JsonPropertyName("shortNames"), Description("shortNames are short names for the resource, exposed in API discovery documents, e.g. for `kubectl get <shortname>`.")]
    public List<string>? ShortNames { get; set; }

    [JsonPropertyName("kind"), RequiredField, Description("kind is the serialized kind of the resource. It is normally CamelCase and singular.")]
    public string Kind { get; set; } = "";

    [JsonPropertyName("listKind"), Description("listKind is the serialized kind of the list for this resource. Defaults to \"`kind`List\".")]
    public string? ListKind { get; set; }

    [JsonPropertyName("categories"), Description("categories is a list of grouped resources this custom resource belongs to (e.g. 'all'), for `kubectl get <category>`.")]
    public List<string>? Categories { get; set; }
}

[Description("CustomResourceDefinitionVersion describes a version for CRD.")]
public sealed class CustomResourceDefinitionVersion
{
    [JsonPropertyName("name"), RequiredField, Description("name is the version name, e.g. \"v1\", \"v2beta1\"; served under /apis/<group>/<version>/...")]
    public string Name { get; set; } = "";

    [JsonPropertyName("served"), RequiredField, Description("served is a flag enabling/disabling this version from being served via REST APIs.")]
    public bool Served { get; set; }

    [JsonPropertyName("storage"), RequiredField, Description("storage indicates this version should be used when persisting custom resources to storage. There must be exactly one version with storage=true.")]
    public bool Storage { get; set; }

    [JsonPropertyName("deprecated"), Description("deprecated indicates this version of the custom resource API is deprecated.")]
    public bool? Deprecated { get; set; }

    [JsonPropertyName("deprecationWarning"), Description("deprecationWarning overrides the default warning returned to API clients.")]
    public string? DeprecationWarning { get; set; }

    [JsonPropertyName("schema"), Description("schema describes the schema used for validation, pruning, and defaulting of this version of the custom resource.")]
    public CustomResourceValidation? Schema { get; set; }

    [JsonPropertyName("subresources"), Description("subresources specify what subresources this version of the defined custom resource have.")]
    public CustomResourceSubresources? Subresources { get; set; }

    [JsonPropertyName("additionalPrinterColumns"), Description("additionalPrinterColumns specifies additional columns returned in Table output. If no columns are specified, a single column displaying the age of the custom resource is used.")]
    public List<CustomResourceColumnDefinition>? AdditionalPrinterColumns { get; set; }
}

[Description("CustomResourceValidation is a list of validation methods for CustomResources.")]
public sealed class CustomResourceValidation
{
    [JsonPropertyName("openAPIV3Schema"), PreserveUnknownFields, Description("openAPIV3Schema is the OpenAPI v3 schema to use for validation and pruning.")]
    public JsonObject? OpenApiV3Schema { get; set; }
}

[Description("CustomResourceSubresources defines the status and scale subresources for CustomResources.")]
public sealed class CustomResourceSubresources
{
    [JsonPropertyName("status"), PreserveUnknownFields, Description("status indicates the custom resource should serve a `/status` subresource.")]
    public JsonObject? Status { get; set; }

    [JsonPropertyName("scale"), Description("scale indicates the custom resource should serve a `/scale` subresource (not served by this simulated cluster).")]
    public CustomResourceSubresourceScale? Scale { get; set; }
}

[Description("CustomResourceSubresourceScale defines how to serve the scale subresource for CustomResources.")]
public sealed class CustomResourceSubresourceScale
{
    [JsonPropertyName("specReplicasPath"), RequiredField, Description("specReplicasPath defines the JSON path inside of a custom resource that corresponds to Scale `spec.replicas`.")]
    public string SpecReplicasPath { get; set; } = "";

    [JsonPropertyName("statusReplicasPath"), RequiredField, Description("statusReplicasPath defines the JSON path inside of a custom resource that corresponds to Scale `status.replicas`.")]
    public string StatusReplicasPath { get; set; } = "";

    [JsonPropertyName("labelSelectorPath"), Description("labelSelectorPath defines the JSON path inside of a custom resource that corresponds to Scale `status.selector`.")]
    public string? LabelSelectorPath { get; set; }
}

[Description("CustomResourceColumnDefinition specifies a column for server side printing.")]
public sealed class CustomResourceColumnDefinition
{
    [JsonPropertyName("name"), RequiredField, Description("name is a human readable name for the column.")]
    public string Name { get; set; } = "";

    [JsonPropertyName("type"), RequiredField, Description("type is an OpenAPI type definition for this column: integer, number, string, boolean or date.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("format"), Description("format is an optional OpenAPI type definition for this column.")]
    public string? Format { get; set; }

    [JsonPropertyName("description"), Description("description is a human readable description of this column.")]
    public string? Description { get; set; }

    [JsonPropertyName("priority"), Description("priority is an integer defining the relative importance of this column compared to others; 0 is shown in standard view.")]
    public int? Priority { get; set; }

    [JsonPropertyName("jsonPath"), RequiredField, Description("jsonPath is a simple JSON path (i.e. with array notation) which is evaluated against each custom resource to produce the value for this column.")]
    public string JsonPath { get; set; } = "";
}

[Description("CustomResourceConversion describes how to convert different versions of a CR.")]
public sealed class CustomResourceConversion
{
    [JsonPropertyName("strategy"), RequiredField, Description("strategy specifies how custom resources are converted between versions. Only `None` is supported by this simulated cluster.")]
    public string Strategy { get; set; } = "";

    [JsonPropertyName("webhook"), PreserveUnknownFields, Description("webhook describes how to call the conversion webhook (not supported by this simulated cluster).")]
    public JsonObject? Webhook { get; set; }
}

[Description("CustomResourceDefinitionStatus indicates the state of the CustomResourceDefinition.")]
public sealed class CustomResourceDefinitionStatus
{
    [JsonPropertyName("conditions"), PatchMergeKey("type"), Description("conditions indicate state for particular aspects of a CustomResourceDefinition.")]
    public List<CustomResourceDefinitionCondition>? Conditions { get; set; }

    [JsonPropertyName("acceptedNames"), Description("acceptedNames are the names that are actually being used to serve discovery.")]
    public CustomResourceDefinitionNames? AcceptedNames { get; set; }

    [JsonPropertyName("storedVersions"), Description("storedVersions lists all versions of CustomResources that were ever persisted.")]
    public List<string>? StoredVersions { get; set; }
}

[Description("CustomResourceDefinitionCondition contains details for the current condition of this pod.")]
public sealed class CustomResourceDefinitionCondition
{
    [JsonPropertyName("type"), RequiredField, Description("type is the type of the condition. Types include Established, NamesAccepted and Terminating.")]
    public string Type { get; set; } = "";

    [JsonPropertyName("status"), RequiredField, Description("status is the status of the condition. Can be True, False, Unknown.")]
    public string Status { get; set; } = "";

    [JsonPropertyName("lastTransitionTime"), Description("lastTransitionTime last time the condition transitioned from one status to another.")]
    public DateTimeOffset? LastTransitionTime { get; set; }

    [JsonPropertyName("reason"), Description("reason is a unique, one-word, CamelCase reason for the condition's last transition.")]
    public string? Reason { get; set; }

    [JsonPropertyName("message"), Description("message is a human-readable message indicating details about last transition.")]
    public string? Message { get; set; }
}
