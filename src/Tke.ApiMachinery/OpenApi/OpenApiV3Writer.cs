using System.Text.Json.Nodes;
using Tke.ApiMachinery.Kinds;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>Writes the OpenAPI 3.0 document of one group-version (/openapi/v3/apis/&lt;group&gt;/&lt;version&gt;).</summary>
internal static class OpenApiV3Writer
{
    public static JsonObject Write(IReadOnlyList<KindDefinition> kinds, OpenApiInfo info)
    {
        var definitions = DefinitionSet.For(kinds);
        var schemas = new SchemaJsonWriter(OpenApiVersion.V3, definitions);

        var paths = new JsonObject();
        foreach (var path in kinds.SelectMany(ResourcePaths.For).OrderBy(p => p.Path, StringComparer.Ordinal))
        {
            paths[path.Path] = PathItem(path, schemas);
        }

        var components = new JsonObject();
        foreach (var definition in definitions.All)
        {
            components[definition.Name] = schemas.Definition(definition);
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = info.Title, ["version"] = info.Version },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = components },
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

        // Inline, never $ref'd: kubectl finds dryRun and fieldValidation support by reading the PATCH
        // operation's own parameter list for name and "in: query".
        if (operation.Parameters.Count > 0)
        {
            json["parameters"] = Parameters(operation.Parameters);
        }

        if (operation.RequestBody is { } body)
        {
            var content = new JsonObject();
            foreach (var type in body.ContentTypes)
            {
                content[type] = new JsonObject { ["schema"] = schemas.Reference(body.SchemaName) };
            }

            json["requestBody"] = new JsonObject { ["content"] = content, ["required"] = body.Required };
        }

        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            var responseJson = new JsonObject { ["description"] = response.Description };
            if (response.SchemaName is not null)
            {
                var content = new JsonObject();
                foreach (var type in operation.Produces)
                {
                    content[type] = new JsonObject { ["schema"] = schemas.Reference(response.SchemaName) };
                }

                responseJson["content"] = content;
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
            };
            if (parameter.Required)
            {
                json["required"] = true;
            }

            json["schema"] = new JsonObject { ["type"] = parameter.Type, ["uniqueItems"] = true };
            array.Add(json);
        }

        return array;
    }
}
