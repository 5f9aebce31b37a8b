using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Tke.ApiMachinery.Json;
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

    private readonly PropertyInfo? _status;
    private readonly PropertyInfo[] _desired;

    private ObjectSections(Type type)
    {
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null)
            .ToArray();
        _status = props.FirstOrDefault(p => JsonName(p) == "status");
        _desired = props.Where(p => JsonName(p) is not ("status" or "metadata" or "apiVersion" or "kind")).ToArray();
    }

    public static ObjectSections For(Type type) => Cache.GetOrAdd(type, t => new ObjectSections(t));

    public bool HasStatus => _status is not null;

    public void CopyStatus(ApiObject from, ApiObject to) => _status?.SetValue(to, _status.GetValue(from));

    public void ClearStatus(ApiObject obj)
    {
        if (_status is not null)
        {
            _status.SetValue(obj, null);
        }
    }

    /// <summary>Copies every desired-state property (spec and the like) from one object to another.</summary>
    public void CopyDesired(ApiObject from, ApiObject to)
    {
        foreach (var p in _desired)
        {
            p.SetValue(to, p.GetValue(from));
        }
    }

    public bool DesiredEquals(ApiObject a, ApiObject b)
    {
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

    private static string JsonName(PropertyInfo p) =>
        p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(p.Name);
}
