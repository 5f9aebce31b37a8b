using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.CustomResources;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;

namespace Tke.ApiMachinery.Store;

/// <summary>
/// Generic access to the parts of a typed object that the machinery treats specially:
/// status (owned by the status subresource) and the desired state (everything that is
/// neither metadata nor status, whose change bumps metadata.generation).
/// </summary>
public sealed class ObjectSections
{
    private static readonly ConcurrentDictionary<Type, ObjectSections> Cache = new();

    private static readonly ObjectSections UnstructuredWithStatus = new(statusIsSeparate: true);
    private static readonly ObjectSections UnstructuredWithoutStatus = new(statusIsSeparate: false);

    private readonly PropertyInfo? _status;
    private readonly PropertyInfo[] _desired;

    /// <summary>Unstructured objects (custom resources): the sections are top-level JSON fields, and
    /// status is a section of its own only when the kind has the status subresource.</summary>
    private readonly bool _unstructured;
    private readonly bool _unstructuredStatus;

    private ObjectSections(bool statusIsSeparate)
    {
        _desired = [];
        _unstructured = true;
        _unstructuredStatus = statusIsSeparate;
    }

    private ObjectSections(Type type)
    {
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .ToArray();
        _status = props.FirstOrDefault(p => JsonName(p) == "status");
        _desired = props.Where(p => JsonName(p) is not ("status" or "metadata" or "apiVersion" or "kind")).ToArray();
    }

    public static ObjectSections For(Type type) => Cache.GetOrAdd(type, t => new ObjectSections(t));

    /// <summary>The sections of a kind's objects, typed or unstructured.</summary>
    public static ObjectSections For(KindDefinition kind) =>
        kind.ObjectType != typeof(UnstructuredObject) ? For(kind.ObjectType)
        : kind.HasStatusSubresource ? UnstructuredWithStatus : UnstructuredWithoutStatus;

    public bool HasStatus => _unstructured ? _unstructuredStatus : _status is not null;

    public void CopyStatus(ApiObject from, ApiObject to)
    {
        if (_unstructured)
        {
            SetStatus((UnstructuredObject)to, ((UnstructuredObject)from).Field("status"));
            return;
        }

        _status?.SetValue(to, _status.GetValue(from));
    }

    public void ClearStatus(ApiObject obj)
    {
        if (_unstructured)
        {
            ((UnstructuredObject)obj).Content?.Remove("status");
            return;
        }

        if (_status is not null)
        {
            _status.SetValue(obj, null);
        }
    }

    /// <summary>Copies every desired-state property (spec and the like) from one object to another.</summary>
    public void CopyDesired(ApiObject from, ApiObject to)
    {
        if (_unstructured)
        {
            var target = (UnstructuredObject)to;
            var status = target.Field("status")?.DeepClone();
            var content = new JsonObject();
            foreach (var (name, value) in ((UnstructuredObject)from).Content ?? [])
            {
                if (name != "status")
                {
                    content[name] = value?.DeepClone();
                }
            }

            target.Content = content;
            SetStatus(target, status);
            return;
        }

        foreach (var p in _desired)
        {
            p.SetValue(to, p.GetValue(from));
        }
    }

    public bool DesiredEquals(ApiObject a, ApiObject b)
    {
        if (_unstructured)
        {
            return DesiredJson((UnstructuredObject)a) == DesiredJson((UnstructuredObject)b);
        }

        foreach (var p in _desired)
        {
            var left = JsonSerializer.SerializeToUtf8Bytes(p.GetValue(a), p.PropertyType, ApiJson.Options);
            var right = JsonSerializer.SerializeToUtf8Bytes(p.GetValue(b), p.PropertyType, ApiJson.Options);
            if (!left.AsSpan().SequenceEqual(right))
            {
                return false;
            }
        }

        return true;
    }

    private string DesiredJson(UnstructuredObject obj)
    {
        var desired = new JsonObject();
        foreach (var (name, value) in obj.Content ?? [])
        {
            if (!_unstructuredStatus || name != "status")
            {
                desired[name] = value?.DeepClone();
            }
        }

        return desired.ToJsonString();
    }

    private static void SetStatus(UnstructuredObject obj, JsonNode? status)
    {
        if (status is null)
        {
            obj.Content?.Remove("status");
            return;
        }

        (obj.Content ??= [])["status"] = status.DeepClone();
    }

    private static string JsonName(PropertyInfo p) =>
        p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
}
