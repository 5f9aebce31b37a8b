using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Schema;
using Tke.ApiMachinery.Validation;

namespace Tke.ApiMachinery.Kinds;

public enum KindScope
{
    Cluster,
    Namespaced,
}

/// <summary>
/// Everything the generic machinery needs to serve one kind: names, scope, schema,
/// strategy hooks (defaulting and validation), Table columns and selectable fields.
/// Components subclass <see cref="KindDefinition{T}"/> once per kind.
/// </summary>
public abstract class KindDefinition
{
    private SchemaNode? _schema;
    private Lazy<TenantField?>? _tenant;
    private Lazy<bool>? _sensitive;

    public abstract string Group { get; }

    public abstract string Version { get; }

    public abstract string Kind { get; }

    /// <summary>Lower-case plural resource name used in URLs, e.g. "clusters".</summary>
    public abstract string Plural { get; }

    public virtual string Singular => Kind.ToLowerInvariant();

    /// <summary>The kind of a list of these objects.</summary>
    public virtual string ListKind => Kind + "List";

    public virtual IReadOnlyList<string> ShortNames => [];

    public virtual IReadOnlyList<string> Categories => ["tke"];

    public virtual KindScope Scope => KindScope.Cluster;

    /// <summary>True when status is written only through the status subresource.</summary>
    public virtual bool HasStatusSubresource => true;

    /// <summary>Subresources besides status that a component serves (pods/eviction); discovery lists them.</summary>
    public virtual IReadOnlyList<ExtraSubresource> ExtraSubresources => [];

    /// <summary>True when a create may carry an initial status (TKEStack's cluster import sends
    /// the API server address in status.addresses); otherwise status is cleared on create.</summary>
    public virtual bool KeepsStatusOnCreate => false;

    /// <summary>The generateName applied when a client gives neither name nor generateName
    /// (TKEStack's ID prefixes: "cls-", "mc-", "prj-"); null means a name is required.</summary>
    public virtual string? DefaultGenerateName => null;

    public abstract Type ObjectType { get; }

    /// <summary>The rule metadata.name and generateName must satisfy: a DNS subdomain unless the kind
    /// says otherwise (RBAC names such as "system:discovery" need only be path segments).</summary>
    public virtual IReadOnlyList<string> ValidateName(string name) => Names.IsDns1123Subdomain(name);

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public bool Namespaced => Scope == KindScope.Namespaced;

    /// <summary>The kind's tenant field; null when the kind is not tenant-scoped.</summary>
    public TenantField? Tenant => (_tenant ??= new Lazy<TenantField?>(() => TenantField.Find(ObjectType))).Value;

    /// <summary>True when the kind has fields marked [Sensitive] (passwords, tokens, keys).</summary>
    public bool HasSensitiveFields => (_sensitive ??= new Lazy<bool>(() => Secrets.SensitiveFieldWalker.HasSensitiveFields(Schema))).Value;

    /// <summary>The structural schema of the whole object.</summary>
    public SchemaNode Schema => _schema ??= BuildSchema();

    /// <summary>True when objects may be stored under another version of the same resource (a custom resource
    /// with several versions and no conversion): what is read through this kind gets this kind's apiVersion.</summary>
    public virtual bool RewritesApiVersion => false;

    /// <summary>Kubernetes serves strategic merge patch only for built-in kinds; custom resources answer 415.</summary>
    public virtual bool SupportsStrategicMergePatch => true;

    /// <summary>True when Table output ends with the AGE column every built-in kind prints; custom
    /// resources that declare printer columns print exactly those.</summary>
    public virtual bool PrintsAgeColumn => true;

    /// <summary>Builds the schema once; kinds whose schema comes from data rather than from
    /// <see cref="ObjectType"/> override this.</summary>
    protected virtual SchemaNode BuildSchema() => SchemaBuilder.Shared.BuildKindRoot(ObjectType, Group, Version, Kind);

    /// <summary>Columns of `kubectl get` besides NAME (first) and AGE (last), which every kind has.</summary>
    public abstract IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Fields usable in field selectors besides metadata.name and metadata.namespace.</summary>
    public abstract IReadOnlyDictionary<string, Func<ApiObject, string?>> SelectableFields { get; }

    /// <summary>Sets defaults on a new or updated object (before validation).</summary>
    public abstract void ApplyDefaults(ApiObject obj);

    /// <summary>Validates a new object; metadata is validated by the machinery.</summary>
    public abstract void ValidateCreate(ApiObject obj, FieldErrorList errors);

    /// <summary>Validates an update against the stored object (immutable fields and the like).</summary>
    public abstract void ValidateUpdate(ApiObject obj, ApiObject old, FieldErrorList errors);

    /// <summary>Validates a write through the status subresource.</summary>
    public abstract void ValidateStatusUpdate(ApiObject obj, ApiObject old, FieldErrorList errors);
}

/// <summary>A kind backed by the C# type <typeparamref name="T"/>.</summary>
public abstract class KindDefinition<T> : KindDefinition
    where T : ApiObject
{
    public sealed override Type ObjectType => typeof(T);

    public sealed override IReadOnlyList<TableColumn> Columns => TypedColumns;

    public sealed override IReadOnlyDictionary<string, Func<ApiObject, string?>> SelectableFields =>
        TypedSelectableFields.ToDictionary(kv => kv.Key, kv => (Func<ApiObject, string?>)(o => kv.Value((T)o)), StringComparer.Ordinal);

    protected virtual IReadOnlyList<TableColumn> TypedColumns => [];

    /// <summary>Extra field selectors, e.g. { "spec.tenantID", c => c.Spec.TenantID }.</summary>
    protected virtual IReadOnlyDictionary<string, Func<T, string?>> TypedSelectableFields => new Dictionary<string, Func<T, string?>>();

    public sealed override void ApplyDefaults(ApiObject obj) => Default((T)obj);

    public sealed override void ValidateCreate(ApiObject obj, FieldErrorList errors) => Validate((T)obj, errors);

    public sealed override void ValidateUpdate(ApiObject obj, ApiObject old, FieldErrorList errors) => ValidateUpdate((T)obj, (T)old, errors);

    public sealed override void ValidateStatusUpdate(ApiObject obj, ApiObject old, FieldErrorList errors) => ValidateStatusUpdate((T)obj, (T)old, errors);

    protected virtual void Default(T obj)
    {
    }

    protected virtual void Validate(T obj, FieldErrorList errors)
    {
    }

    protected virtual void ValidateUpdate(T obj, T old, FieldErrorList errors) => Validate(obj, errors);

    protected virtual void ValidateStatusUpdate(T obj, T old, FieldErrorList errors)
    {
    }

    /// <summary>A column whose cell is computed from the typed object.</summary>
    protected static TableColumn Column(string name, Func<T, object?> value, string type = "string", int priority = 0, string description = "") =>
        new(name, type, description, priority, o => value((T)o));
}

/// <summary>A subresource served outside the generic handler, as discovery describes it: its name
/// under the resource, the kind its requests carry (with that kind's group and version when they
/// differ from the resource's, e.g. policy/v1 Eviction) and its verbs.</summary>
public sealed record ExtraSubresource(string Name, string Kind, IReadOnlyList<string> Verbs, string Group = "", string Version = "");

/// <summary>A column of server-side Table printing (metav1.TableColumnDefinition plus the cell function).</summary>
public sealed record TableColumn(string Name, string Type, string Description, int Priority, Func<ApiObject, object?> Cell);
