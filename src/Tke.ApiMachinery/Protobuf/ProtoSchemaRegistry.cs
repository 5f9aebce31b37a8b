namespace Tke.ApiMachinery.Protobuf;

/// <summary>
/// Message types by fully qualified name ("k8s.io.api.apps.v1.Deployment"), with every field's
/// type reference resolved by the .proto scoping rules. Imports are not followed file by file: all
/// loaded files share one namespace, as they do for protoc given the same include path.
/// </summary>
public sealed class ProtoSchemaRegistry
{
    private const string ResourcePrefix = "protobuf-schemas/";

    private static readonly Lazy<ProtoSchemaRegistry> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, ProtoMessage> _messages;
    private readonly HashSet<string> _enums;

    private ProtoSchemaRegistry(Dictionary<string, ProtoMessage> messages, HashSet<string> enums)
    {
        _messages = messages;
        _enums = enums;
    }

    /// <summary>The Kubernetes schemas embedded in this assembly (Protobuf/Schemas).</summary>
    public static ProtoSchemaRegistry Kubernetes => Embedded.Value;

    public IEnumerable<string> MessageNames => _messages.Keys;

    public ProtoMessage? Message(string fullName) => _messages.GetValueOrDefault(fullName);

    public bool IsEnum(string fullName) => _enums.Contains(fullName);

    /// <summary>Builds a registry; a type reference that resolves to nothing is a FormatException.</summary>
    public static ProtoSchemaRegistry FromFiles(IEnumerable<ProtoFile> files)
    {
        var declared = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        var enums = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var message in file.Messages)
            {
                if (!declared.TryAdd(message.FullName, message))
                {
                    throw new FormatException($"message {message.FullName} is declared twice");
                }
            }

            enums.UnionWith(file.Enums);
        }

        var resolved = new Dictionary<string, ProtoMessage>(StringComparer.Ordinal);
        foreach (var message in declared.Values)
        {
            var fields = message.Fields
                .Select(f => ProtoScalars.IsScalar(f.TypeName) ? f : f with { TypeName = Resolve(f.TypeName, message.FullName, declared, enums) })
                .ToList();
            resolved[message.FullName] = new ProtoMessage(message.FullName, fields);
        }

        return new ProtoSchemaRegistry(resolved, enums);
    }

    private static string Resolve(string reference, string scope, Dictionary<string, ProtoMessage> messages, HashSet<string> enums)
    {
        if (reference.StartsWith('.'))
        {
            var absolute = reference[1..];
            return messages.ContainsKey(absolute) || enums.Contains(absolute)
                ? absolute
                : throw new FormatException($"{scope}: unknown type {reference}");
        }

        // Innermost scope first: "pkg.Outer" looks in pkg.Outer, then pkg, then the root.
        for (var current = scope; ; current = current[..current.LastIndexOf('.')])
        {
            var candidate = current + "." + reference;
            if (messages.ContainsKey(candidate) || enums.Contains(candidate))
            {
                return candidate;
            }

            if (!current.Contains('.'))
            {
                break;
            }
        }

        return messages.ContainsKey(reference) || enums.Contains(reference)
            ? reference
            : throw new FormatException($"{scope}: unknown type {reference}");
    }

    private static ProtoSchemaRegistry LoadEmbedded()
    {
        var assembly = typeof(ProtoSchemaRegistry).Assembly;
        var files = new List<ProtoFile>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add(ProtoSchemaParser.Parse(name[ResourcePrefix.Length..], reader.ReadToEnd()));
        }

        return FromFiles(files);
    }
}
