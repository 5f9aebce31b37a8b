using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>
/// The meta/v1 types every group-version's operations refer to (list metadata, Status, DeleteOptions,
/// the PATCH body), built by hand because the server has no C# types for their whole shape.
/// Names are Kubernetes' so clients that special-case them keep working.
/// </summary>
internal static class MetaSchemas
{
    private const string Prefix = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    public static SchemaNode ListMeta { get; } = Named("ListMeta", "Metadata of a list: the resource version it was read at and the token of its next page.", new()
    {
        ["continue"] = Text("Token to pass as the continue parameter to read the next page; empty on the last page."),
        ["remainingItemCount"] = Integer("int64", "Number of items after this page, when the server can tell."),
        ["resourceVersion"] = Text("Version of the list as a whole, for use with watch."),
        ["selfLink"] = Text("Deprecated; not set by the server."),
    });

    public static SchemaNode StatusCause { get; } = Named("StatusCause", "One cause of a failed request.", new()
    {
        ["field"] = Text("Path of the field that caused the error, e.g. \"spec.displayName\"."),
        ["message"] = Text("Human-readable description of the cause."),
        ["reason"] = Text("Machine-readable description of the cause."),
    });

    public static SchemaNode StatusDetails { get; } = Named("StatusDetails", "Details of a failed request, naming the object concerned.", new()
    {
        ["causes"] = new SchemaNode { Type = SchemaType.Array, Description = "The individual causes of the error.", Items = StatusCause, ListType = "atomic" },
        ["group"] = Text("Group of the object."),
        ["kind"] = Text("Kind of the object."),
        ["name"] = Text("Name of the object."),
        ["retryAfterSeconds"] = Integer("int32", "Seconds a client should wait before retrying."),
        ["uid"] = Text("UID of the object."),
    });

    public static SchemaNode Status { get; } = WithKind(Named("Status", "Result of a request that does not return an object, and of every failed request.", new()
    {
        ["apiVersion"] = Text("Versioned schema of this representation of an object."),
        ["code"] = Integer("int32", "HTTP status code of the result."),
        ["details"] = Ref(StatusDetails, "Extended data about the error, if any."),
        ["kind"] = Text("The REST resource this object represents."),
        ["message"] = Text("Human-readable description of the result."),
        ["metadata"] = Ref(ListMeta, "Standard list metadata."),
        ["reason"] = Text("Machine-readable reason of a failure, e.g. NotFound or AlreadyExists."),
        ["status"] = Text("\"Success\" or \"Failure\"."),
    }), "Status");

    public static SchemaNode Preconditions { get; } = Named("Preconditions", "Conditions that must hold for a delete to proceed.", new()
    {
        ["resourceVersion"] = Text("The object's resourceVersion must equal this."),
        ["uid"] = Text("The object's UID must equal this."),
    });

    public static SchemaNode DeleteOptions { get; } = Named("DeleteOptions", "Options of a delete request.", new()
    {
        ["apiVersion"] = Text("Versioned schema of this representation of an object."),
        ["dryRun"] = new SchemaNode { Type = SchemaType.Array, Description = "\"All\" to validate the request without persisting it.", Items = Text(null), ListType = "atomic" },
        ["gracePeriodSeconds"] = Integer("int64", "Seconds before the object should be deleted."),
        ["kind"] = Text("The REST resource this object represents."),
        ["orphanDependents"] = new SchemaNode { Type = SchemaType.Boolean, Description = "Deprecated: use propagationPolicy." },
        ["preconditions"] = Ref(Preconditions, "Must be met before the deletion is carried out."),
        ["propagationPolicy"] = Text("Whether and how dependents are garbage collected: Orphan, Background or Foreground."),
    });

    /// <summary>The body of a PATCH, whose shape depends on the patch content type.</summary>
    public static SchemaNode Patch { get; } = new()
    {
        Type = SchemaType.Object,
        Description = "A PATCH request body: a JSON patch, a JSON merge patch, a strategic merge patch or an apply configuration.",
        DefinitionName = Prefix + "Patch",
    };

    public static IReadOnlyList<SchemaNode> All { get; } = [ListMeta, StatusCause, StatusDetails, Status, Preconditions, DeleteOptions, Patch];

    private static SchemaNode Named(string name, string description, Dictionary<string, SchemaNode> properties) => new()
    {
        Type = SchemaType.Object,
        Description = description,
        Properties = properties,
        DefinitionName = Prefix + name,
    };

    private static SchemaNode WithKind(SchemaNode node, string kind)
    {
        node.GroupVersionKind = ("", "v1", kind);
        return node;
    }

    /// <summary>A reference with the property's own description, as SchemaBuilder makes for typed properties.</summary>
    private static SchemaNode Ref(SchemaNode named, string description) => new()
    {
        Type = named.Type,
        Description = description,
        Properties = named.Properties,
        DefinitionName = named.DefinitionName,
    };

    private static SchemaNode Text(string? description) => new() { Type = SchemaType.String, Description = description };

    private static SchemaNode Integer(string format, string description) => new() { Type = SchemaType.Integer, Format = format, Description = description };
}
