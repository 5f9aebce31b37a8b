namespace Tke.ApiMachinery.Kinds;

/// <summary>One API group of one component, e.g. platform.tkestack.io/v1 with its kinds.</summary>
public interface IApiGroup
{
    string Name { get; }

    string PreferredVersion { get; }

    IReadOnlyList<KindDefinition> Kinds { get; }
}
