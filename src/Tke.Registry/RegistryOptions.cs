namespace Tke.Registry;

/// <summary>Settings of the image registry and chart repositories inside `tke serve`.</summary>
public sealed record RegistryOptions
{
    /// <summary>The registry's domain: tenants' registries answer at <c>&lt;tenant&gt;.&lt;domain&gt;</c>
    /// (TKEStack's <c>default.registry.tke.com</c>), and the domain itself serves the default tenant.</summary>
    public string Domain { get; init; } = "registry.tke.com";

    /// <summary>Time between garbage collections of blobs no manifest references; zero disables them.</summary>
    public TimeSpan GarbageCollectionInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A blob younger than this is kept even when unreferenced: its manifest may not be PUT yet.</summary>
    public TimeSpan GarbageCollectionGracePeriod { get; init; } = TimeSpan.FromHours(1);

    /// <summary>An upload idle for this long is abandoned and removed by the next collection.</summary>
    public TimeSpan AbandonedUploadTimeout { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The host names the serving certificate must cover so that clients verify the registry's
    /// own host names: the domain and every tenant under it.</summary>
    public IReadOnlyList<string> CertificateNames => [Domain, "*." + Domain];
}
