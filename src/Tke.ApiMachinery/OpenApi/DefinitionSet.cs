using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Schema;

namespace Tke.ApiMachinery.OpenApi;

/// <summary>One named schema of a document: its body and the description the definition itself carries.</summary>
internal sealed record NamedSchema(string Name, SchemaNode Body, string? Description);

/// <summary>
/// The named schemas one OpenAPI document needs: the kinds' roots, their List schemas, the meta/v1
/// types and every named type reachable from them.
/// </summary>
internal sealed class DefinitionSet
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private DefinitionSet()
    {
    }

    public static DefinitionSet For(IEnumerable<KindDefinition> kinds)
    {
        var set = new DefinitionSet();
        foreach (var meta in MetaSchemas.All)
        {
            set.AddOwn(meta);
        }

        foreach (var kind in kinds)
        {
            set.AddOwn(kind.Schema);
            set.AddOwn(ListSchemas.For(kind));
        }

        return set;
    }

    public IEnumerable<NamedSchema> All =>
        _entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new NamedSchema(e.Key, e.Value.Body, e.Value.Description));

    public bool Contains(string name) => _entries.ContainsKey(name);

    public string? DescriptionOf(string name) => _entries.TryGetValue(name, out var entry) ? entry.Description : null;

    /// <summary>Adds a schema this document defines itself (kind root, List, meta type): its own description is the definition's.</summary>
    private void AddOwn(SchemaNode node)
    {
        var name = node.DefinitionName ?? throw new InvalidOperationException("a definition needs a name");
        if (_entries.TryGetValue(name, out var existing))
        {
            if (existing.Own)
            {
                if (!ReferenceEquals(existing.Body, node))
                {
                    throw new InvalidOperationException($"two schemas are named {name}");
                }

                return;
            }

            existing.MakeOwn(node);
            return;
        }

        _entries[name] = Entry.ForOwn(node);
        Walk(node);
    }

    /// <summary>
    /// Records a named type met as a property. A property with its own description carries a copy
    /// of the type's node that links back to it (SchemaNode.Definition), so the definition is
    /// always the type's own node, with the type's own description.
    /// </summary>
    private void AddReferenced(SchemaNode node, string name)
    {
        if (_entries.ContainsKey(name))
        {
            return;
        }

        var canonical = node.Definition ?? node;
        _entries[name] = Entry.ForReferenced(canonical);
        Walk(canonical);
    }

    private void Walk(SchemaNode node)
    {
        foreach (var child in Children(node))
        {
            if (child.DefinitionName is { } name)
            {
                AddReferenced(child, name);
            }
            else
            {
                Walk(child);
            }
        }
    }

    private static IEnumerable<SchemaNode> Children(SchemaNode node)
    {
        foreach (var property in node.Properties?.Values ?? [])
        {
            yield return property;
        }

        if (node.Items is not null)
        {
            yield return node.Items;
        }

        if (node.AdditionalProperties is not null)
        {
            yield return node.AdditionalProperties;
        }
    }

    private sealed class Entry
    {
        private Entry(SchemaNode body, bool own)
        {
            Body = body;
            Own = own;
        }

        public SchemaNode Body { get; private set; }

        /// <summary>Defined by this document itself (kind root, List, meta type) rather than met as a property type.</summary>
        public bool Own { get; private set; }

        public string? Description => Body.Description;

        public static Entry ForOwn(SchemaNode body) => new(body, own: true);

        public static Entry ForReferenced(SchemaNode body) => new(body, own: false);

        public void MakeOwn(SchemaNode body)
        {
            Body = body;
            Own = true;
        }
    }
}
