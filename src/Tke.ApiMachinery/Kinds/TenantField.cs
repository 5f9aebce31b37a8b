using System.Reflection;
using System.Text.Json.Serialization;
using Tke.ApiMachinery.Objects;

namespace Tke.ApiMachinery.Kinds;

/// <summary>
/// Where a kind keeps its tenant: TKEStack objects carry `spec.tenantID` (or a top-level
/// `tenantID` on kinds without a spec, like ClusterCredential). Kinds with such a field are
/// tenant-scoped: a caller outside the platform-wide admin group sees and writes only its own
/// tenant's objects.
/// </summary>
public sealed class TenantField
{
    private const string JsonName = "tenantID";

    private readonly PropertyInfo? _container;
    private readonly PropertyInfo _field;

    private TenantField(PropertyInfo? container, PropertyInfo field, string path)
    {
        _container = container;
        _field = field;
        Path = path;
    }

    /// <summary>The field path, e.g. "spec.tenantID".</summary>
    public string Path { get; }

    /// <summary>The kind's tenant field, or null for kinds that are not tenant-scoped.</summary>
    public static TenantField? Find(Type objectType)
    {
        if (FindNamed(objectType, JsonName) is { PropertyType: var t } top && t == typeof(string))
        {
            return new TenantField(null, top, JsonName);
        }

        if (FindNamed(objectType, "spec") is { } spec && FindNamed(spec.PropertyType, JsonName) is { } inner && inner.PropertyType == typeof(string))
        {
            return new TenantField(spec, inner, "spec." + JsonName);
        }

        return null;
    }

    public string? Get(ApiObject obj)
    {
        var holder = _container is null ? obj : _container.GetValue(obj);
        return holder is null ? null : (string?)_field.GetValue(holder);
    }

    public void Set(ApiObject obj, string tenant)
    {
        var holder = _container is null ? obj : _container.GetValue(obj);
        if (holder is not null)
        {
            _field.SetValue(holder, tenant);
        }
    }

    private static PropertyInfo? FindNamed(Type type, string jsonName) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.CanRead && p.CanWrite && p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == jsonName);
}
