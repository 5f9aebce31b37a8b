using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>A query or path parameter of an operation. Type is a JSON schema primitive type.</summary>
internal sealed record ApiParameter(string Name, string In, string Type, string Description, bool Required = false);

/// <summary>A request body: the named schema it carries and the content types accepted.</summary>
internal sealed record ApiRequestBody(string SchemaName, IReadOnlyList<string> ContentTypes, bool Required);

/// <summary>A response of an operation; SchemaName is null for responses without a body.</summary>
internal sealed record ApiResponse(string Code, string Description, string? SchemaName);

/// <summary>
/// One operation of a path. Method is the lower-case HTTP method ("get", "patch", ...);
/// Action is Kubernetes' x-kubernetes-action ("list", "get", "post", "put", "patch", "delete", "deletecollection").
/// </summary>
internal sealed record ApiOperation(
    string Method,
    string Action,
    string OperationId,
    string Description,
    KindDefinition Kind,
    IReadOnlyList<ApiParameter> Parameters,
    ApiRequestBody? RequestBody,
    IReadOnlyList<ApiResponse> Responses,
    IReadOnlyList<string> Produces);

/// <summary>A URL path with the parameters all its operations share.</summary>
internal sealed record ApiPath(string Path, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<ApiOperation> Operations);
