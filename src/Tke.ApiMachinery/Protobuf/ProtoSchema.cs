namespace Tke.ApiMachinery.Protobuf;

public enum ProtoLabel
{
    Optional,
    Required,
    Repeated,
}

/// <summary>One field of a message as declared in a .proto file.</summary>
/// <param name="TypeName">A scalar type name ("string", "int64", ...) or, once the registry has
/// resolved it, the fully qualified name of a message or enum without a leading dot.</param>
/// <param name="MapKeyType">For <c>map&lt;K, V&gt;</c> fields the key's scalar type; the value type is <paramref name="TypeName"/>.</param>
/// <param name="NotNullable">gogoproto.nullable = false: not a pointer in Go, so a zero scalar means unset.</param>
/// <param name="Embedded">gogoproto.embed = true: inlined into the enclosing JSON object.</param>
public sealed record ProtoField(
    string Name,
    int Number,
    ProtoLabel Label,
    string TypeName,
    string? MapKeyType = null,
    bool NotNullable = false,
    bool Embedded = false)
{
    public bool IsMap => MapKeyType is not null;

    public bool IsRepeated => Label == ProtoLabel.Repeated;
}

/// <summary>A message type; <see cref="FullName"/> is "package.Outer.Inner".</summary>
public sealed class ProtoMessage(string fullName, IReadOnlyList<ProtoField> fields)
{
    private readonly Dictionary<int, ProtoField> _byNumber = fields.ToDictionary(f => f.Number);

    public string FullName { get; } = fullName;

    public IReadOnlyList<ProtoField> Fields { get; } = fields;

    public ProtoField? Field(int number) => _byNumber.GetValueOrDefault(number);
}

/// <summary>What one .proto file declares, with type references as written.</summary>
public sealed record ProtoFile(string Package, IReadOnlyList<string> Imports, IReadOnlyList<ProtoMessage> Messages, IReadOnlyList<string> Enums);

/// <summary>The scalar types of the protobuf language.</summary>
public static class ProtoScalars
{
    private static readonly HashSet<string> Names =
    [
        "double", "float", "int32", "int64", "uint32", "uint64", "sint32", "sint64",
        "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
    ];

    public static bool IsScalar(string typeName) => Names.Contains(typeName);

    /// <summary>Types a packed repeated field may hold: every scalar but string and bytes.</summary>
    public static bool IsPackable(string typeName) => IsScalar(typeName) && typeName is not ("string" or "bytes");
}
