namespace Tke.ApiMachinery.Objects;

/// <summary>Strategic-merge-patch merge key of a list of objects (x-kubernetes-patch-merge-key),
/// which also makes the list's patch strategy "merge".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchMergeKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

public enum ListKind
{
    Atomic,
    Set,
    Map,
}

/// <summary>x-kubernetes-list-type; a set of scalars merges by value under strategic merge patch.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListTypeAttribute(ListKind kind) : Attribute
{
    public ListKind Kind { get; } = kind;
}

/// <summary>A free-form object whose content is not described by a schema (x-kubernetes-preserve-unknown-fields).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class PreserveUnknownFieldsAttribute : Attribute
{
}

/// <summary>A string-typed field that also accepts an integer (x-kubernetes-int-or-string), like ports and quantities.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IntOrStringAttribute : Attribute
{
}

/// <summary>A field the client must set (listed in the schema's "required").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredFieldAttribute : Attribute
{
}

/// <summary>A secret value (token, password, private key): encrypted at rest and redacted in
/// responses to callers that may not read secrets.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute : Attribute
{
}
