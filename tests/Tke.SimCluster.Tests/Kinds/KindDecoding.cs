using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.ApiMachinery.Validation;

namespace Tke.SimCluster.Tests.Kinds;

/// <summary>Decodes manifests the way a create request does, with fieldValidation=Strict.</summary>
public static class KindDecoding
{
    public static T DecodeStrict<T>(KindDefinition kind, string yaml)
        where T : ApiObject
    {
        var context = new WriteContext(new RequestUser("tester", [], "")) { FieldValidation = FieldValidationMode.Strict };
        return (T)ObjectDecoder.Decode(kind, YamlJson.Parse(yaml), context);
    }

    /// <summary>The JSON the store would keep for the object.</summary>
    public static JsonObject Stored(ApiObject obj) => JsonNode.Parse(JsonSerializer.Serialize(obj, obj.GetType(), ApiJson.Options))!.AsObject();

    public static FieldErrorList ValidateCreate(KindDefinition kind, ApiObject obj)
    {
        kind.ApplyDefaults(obj);
        var errors = new FieldErrorList();
        kind.ValidateCreate(obj, errors);
        return errors;
    }
}
