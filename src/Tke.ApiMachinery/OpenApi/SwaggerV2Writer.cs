using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>Writes the Swagger 2.0 document of every served kind (/openapi/v2).</summary>
internal static class SwaggerV2Writer
{
    public static JsonObject Write(IReadOnlyList<KindDefinition> kinds, OpenApiInfo info)
    {
        var definitions = DefinitionSet.For(kinds);
        var schemas = new SchemaJsonWriter(OpenApiVersion.V2, definitions);

        var paths = new JsonObject();
        foreach (var path in kinds.SelectMany(ResourcePaths.For).OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            paths[path.Path] = PathItem(path, schemas);
        }

        var definitionsJson = new JsonObject();
        foreach (var definition in definitions.All)
        {
            definitionsJson[definition.Name] = schemas.Definition(definition);
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = info.Title, ["version"] = info.Version },
            ["paths"] = paths,
            ["definitions"] = definitionsJson,
        };
    }

    private static JsonObject PathItem(ApiPath path, SchemaJsonWriter schemas)
    {
        var item = new JsonObject();
        foreach (var operation in path.Operations)
        {
            item[operation.Method] = Operation(operation, schemas);
        }

        item["parameters"] = Parameters(path.Parameters);
        return item;
    }

    private static JsonObject Operation(ApiOperation operation, SchemaJsonWriter schemas)
    {
        var json = new JsonObject
        {
            ["tags"] = new JsonArray(ResourcePaths.Tag(operation.Kind)),
            ["description"] = operation.Description,
            ["operationId"] = operation.OperationId,
        };
        if (operation.RequestBody is not null)
        {
            json["consumes"] = new JsonArray([.. operation.RequestBody.ContentTypes.Select(t => (JsonNode)t)]);
        }

        json["produces"] = new JsonArray([.. operation.Produces.Select(t => (JsonNode)t)]);
        json["schemes"] = new JsonArray("https");

        var parameters = Parameters(operation.Parameters);
        if (operation.RequestBody is { } body)
        {
            parameters.Insert(0, new JsonObject
            {
                ["name"] = "body",
                ["in"] = "body",
                ["required"] = body.Required,
                ["schema"] = schemas.Reference(body.SchemaName),
            });
        }

        if (parameters.Count > 0)
        {
            json["parameters"] = parameters;
        }

        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            var responseJson = new JsonObject { ["description"] = response.Description };
            if (response.SchemaName is not null)
            {
                responseJson["schema"] = schemas.Reference(response.SchemaName);
            }

            responses[response.Code] = responseJson;
        }

        json["responses"] = responses;
        json["x-kubernetes-action"] = operation.Action;
        json["x-kubernetes-group-version-kind"] = SchemaJsonWriter.GroupVersionKind(operation.Kind.Group, operation.Kind.Version, operation.Kind.Kind);
        return json;
    }

    private static JsonArray Parameters(IEnumerable<ApiParameter> parameters)
    {
        var array = new JsonArray();
        foreach (var parameter in parameters)
        {
            var json = new JsonObject
            {
                ["name"] = parameter.Name,
                ["in"] = parameter.In,
                ["description"] = parameter.Description,
                ["type"] = parameter.Type,
                ["uniqueItems"] = true,
            };
            if (parameter.Required)
            {
                json["required"] = true;
            }

            array.Add(json);
        }

        return array;
    }
}
