using System.Globalization;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>
/// The REST paths and operations the generic machinery serves for a kind, named and parameterised as
/// kube-apiserver names them, so clients that inspect the OpenAPI (kubectl's dry-run and field
/// validation support checks, explain) see the same shapes.
/// </summary>
internal static class ResourcePaths
{
    public static readonly IReadOnlyList<string> PatchContentTypes =
    [
        "application/json-patch+json",
        "application/merge-patch+json",
        "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ];

    private static readonly IReadOnlyList<string> AnyContentType = ["*/*"];
    private static readonly IReadOnlyList<string> Json = ["application/json"];
    private static readonly IReadOnlyList<string> JsonAndWatch = ["application/json", "application/json;stream=watch"];

    private static readonly ApiParameter Pretty = Query("pretty", "string", "If 'true', the output is pretty printed.");
    private static readonly ApiParameter DryRun = Query("dryRun", "string", "When \"All\", the request is validated, admitted and defaulted but nothing is persisted.");
    private static readonly ApiParameter FieldManager = Query("fieldManager", "string", "Name of the actor making the change, recorded in field ownership; required for apply patches.");
    private static readonly ApiParameter FieldValidation = Query("fieldValidation", "string", "How unknown and duplicate fields in the body are treated: Ignore, Warn (the default) or Strict.");
    private static readonly ApiParameter Force = Query("force", "boolean", "Apply patches only: take ownership of fields other managers own instead of failing with a conflict.");

    private static readonly IReadOnlyList<ApiParameter> WriteParameters = [DryRun, FieldManager, FieldValidation];
    private static readonly IReadOnlyList<ApiParameter> PatchParameters = [DryRun, FieldManager, FieldValidation, Force];

    private static readonly IReadOnlyList<ApiParameter> ListFilterParameters =
    [
        Query("continue", "string", "Token returned by a previous list call to read its next page."),
        Query("fieldSelector", "string", "Restricts the result to objects whose fields match, e.g. metadata.name=x."),
        Query("labelSelector", "string", "Restricts the result to objects whose labels match."),
        Query("limit", "integer", "Maximum number of items to return; the response carries a continue token when more remain."),
        Query("resourceVersion", "string", "Constrains which version of the collection is served; see resourceVersionMatch."),
        Query("resourceVersionMatch", "string", "How resourceVersion applies to a list: Exact or NotOlderThan."),
        Query("sendInitialEvents", "boolean", "With watch, starts the stream with synthetic ADDED events for the current objects."),
        Query("timeoutSeconds", "integer", "Duration of a list or watch call, after which the server ends it."),
    ];

    private static readonly IReadOnlyList<ApiParameter> ListParameters =
    [
        Query("allowWatchBookmarks", "boolean", "With watch, asks for BOOKMARK events carrying the latest resourceVersion."),
        .. ListFilterParameters,
        Query("watch", "boolean", "Streams add, update and delete notifications instead of returning a list."),
    ];

    private static readonly IReadOnlyList<ApiParameter> DeleteParameters =
    [
        DryRun,
        Query("gracePeriodSeconds", "integer", "Seconds before the object should be deleted; zero deletes at once."),
        Query("orphanDependents", "boolean", "Deprecated: use propagationPolicy."),
        Query("propagationPolicy", "string", "Whether and how dependents are garbage collected: Orphan, Background or Foreground."),
    ];

    private static readonly IReadOnlyList<ApiResponse> Unauthorized = [new("401", "Unauthorized", null)];

    public static IEnumerable<ApiPath> For(KindDefinition kind)
    {
        var prefix = kind.Group.Length == 0 ? $"/api/{kind.Version}" : $"/apis/{kind.Group}/{kind.Version}";
        var names = new OperationNames(kind);
        var schema = kind.Schema.DefinitionName!;
        var listSchema = schema + "List";
        ApiParameter[] scopeParameters = kind.Namespaced ? [NamespaceParameter()] : [];
        var collection = kind.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{kind.Plural}" : $"{prefix}/{kind.Plural}";
        var item = collection + "/{name}";
        var itemParameters = (IReadOnlyList<ApiParameter>)[NameParameter(kind), .. scopeParameters, Pretty];

        yield return new ApiPath(collection, [.. scopeParameters, Pretty],
        [
            Operation(kind, "get", "list", names.Scoped("list"), $"list or watch objects of kind {kind.Kind}", ListParameters, null,
                [new("200", "OK", listSchema)], JsonAndWatch),
            Operation(kind, "post", "post", names.Scoped("create"), $"create a {kind.Kind}", WriteParameters, ObjectBody(schema),
                [new("200", "OK", schema), new("201", "Created", schema), new("202", "Accepted", schema)], Json),
            Operation(kind, "delete", "deletecollection", names.Scoped("delete", "Collection"), $"delete collection of {kind.Kind}",
                [.. ListFilterParameters, .. DeleteParameters], DeleteOptionsBody(), [new("200", "OK", MetaSchemas.Status.DefinitionName)], Json),
        ]);

        yield return new ApiPath(item, itemParameters,
        [
            Operation(kind, "get", "get", names.Scoped("read"), $"read the specified {kind.Kind}", [], null, [new("200", "OK", schema)], Json),
            Operation(kind, "put", "put", names.Scoped("replace"), $"replace the specified {kind.Kind}", WriteParameters, ObjectBody(schema),
                [new("200", "OK", schema), new("201", "Created", schema)], Json),
            Operation(kind, "patch", "patch", names.Scoped("patch"), $"partially update the specified {kind.Kind}", PatchParameters, PatchBody(kind),
                [new("200", "OK", schema), new("201", "Created", schema)], Json),
            Operation(kind, "delete", "delete", names.Scoped("delete"), $"delete a {kind.Kind}", DeleteParameters, DeleteOptionsBody(),
                [new("200", "OK", MetaSchemas.Status.DefinitionName), new("202", "Accepted", MetaSchemas.Status.DefinitionName)], Json),
        ]);

        if (kind.HasStatusSubresource)
        {
            yield return new ApiPath(item + "/status", itemParameters,
            [
                Operation(kind, "get", "get", names.Scoped("read", suffix: "Status"), $"read status of the specified {kind.Kind}", [], null,
                    [new("200", "OK", schema)], Json),
                Operation(kind, "put", "put", names.Scoped("replace", suffix: "Status"), $"replace status of the specified {kind.Kind}", WriteParameters,
                    ObjectBody(schema), [new("200", "OK", schema), new("201", "Created", schema)], Json),
                Operation(kind, "patch", "patch", names.Scoped("patch", suffix: "Status"), $"partially update status of the specified {kind.Kind}",
                    PatchParameters, PatchBody(kind), [new("200", "OK", schema), new("201", "Created", schema)], Json),
            ]);
        }

        if (kind.Namespaced)
        {
            yield return new ApiPath($"{prefix}/{kind.Plural}", [Pretty],
            [
                Operation(kind, "get", "list", names.AllNamespaces("list"), $"list or watch objects of kind {kind.Kind}", ListParameters, null,
                    [new("200", "OK", listSchema)], JsonAndWatch),
            ]);
        }
    }

    /// <summary>The operation tag of a group-version, e.g. "platformTkestackIo_v1" ("core_v1" for the legacy group).</summary>
    public static string Tag(KindDefinition kind)
    {
        var group = OperationNames.GroupWord(kind.Group);
        return char.ToLowerInvariant(group[0]) + group[1..] + "_" + kind.Version;
    }

    private static ApiOperation Operation(
        KindDefinition kind,
        string method,
        string action,
        string operationId,
        string description,
        IReadOnlyList<ApiParameter> parameters,
        ApiRequestBody? body,
        IReadOnlyList<ApiResponse> responses,
        IReadOnlyList<string> produces) =>
        new(method, action, operationId, description, kind, parameters, body, [.. responses, .. Unauthorized], produces);

    private static ApiRequestBody ObjectBody(string schema) => new(schema, AnyContentType, Required: true);

    private static ApiRequestBody PatchBody(KindDefinition kind) =>
        new(MetaSchemas.Patch.DefinitionName!, kind.SupportsStrategicMergePatch ? PatchContentTypes : NonStrategicPatchContentTypes, Required: true);

    /// <summary>What custom resources accept: no strategic merge patch.</summary>
    private static readonly IReadOnlyList<string> NonStrategicPatchContentTypes =
        [.. PatchContentTypes.Where(t => t != "application/strategic-merge-patch+json")];

    private static ApiRequestBody DeleteOptionsBody() => new(MetaSchemas.DeleteOptions.DefinitionName!, AnyContentType, Required: false);

    private static ApiParameter Query(string name, string type, string description) => new(name, "query", type, description);

    private static ApiParameter NameParameter(KindDefinition kind) => new("name", "path", "string", $"name of the {kind.Kind}", Required: true);

    private static ApiParameter NamespaceParameter() => new("namespace", "path", "string", "object name and auth scope, such as for teams and projects", Required: true);

    /// <summary>Kubernetes-style operation ids, e.g. listPlatformTkestackIoV1Cluster, patchCoreV1NamespacedConfigMapStatus.</summary>
    private sealed class OperationNames(KindDefinition kind)
    {
        private readonly string _groupVersion = GroupWord(kind.Group) + Capitalize(kind.Version);

        public string Scoped(string verb, string collection = "", string suffix = "") =>
            string.Concat(verb, _groupVersion, collection, kind.Namespaced ? "Namespaced" : "", kind.Kind, suffix);

        public string AllNamespaces(string verb) => string.Concat(verb, _groupVersion, kind.Kind, "ForAllNamespaces");

        public static string GroupWord(string group) =>
            group.Length == 0 ? "Core" : string.Concat(group.Split('.', '-').Select(Capitalize));

        private static string Capitalize(string word) =>
            word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];
    }
}
