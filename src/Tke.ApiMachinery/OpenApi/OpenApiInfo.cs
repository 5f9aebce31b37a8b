namespace Tke.ApiMachinery.OpenApi;

/// <summary>The info object of the served documents.</summary>
public sealed record OpenApiInfo(string Title, string Version)
{
    public static OpenApiInfo Default { get; } = new("TKEStack", "v1.0.0");
}
