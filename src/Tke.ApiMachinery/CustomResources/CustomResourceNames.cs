namespace Tke.ApiMachinery.CustomResources;

/// <summary>The names a custom kind is served under (a CustomResourceDefinition's spec.names).</summary>
public sealed record CustomResourceNames(
    string Plural,
    string Singular,
    string Kind,
    string ListKind,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories);
