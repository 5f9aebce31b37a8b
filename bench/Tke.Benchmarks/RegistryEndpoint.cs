using System.Security.Cryptography.X509Certificates;

namespace Tke.Benchmarks;

/// <summary>One registry under test: where it serves, the process to measure, how to trust it and
/// (for `tke serve`) the Basic credentials its token service takes; <paramref name="CertDir"/> holds
/// its CA as ca.crt for skopeo.</summary>
public sealed record RegistryEndpoint(string Name, Uri BaseAddress, int Pid, X509Certificate2Collection Trust, string CertDir, string? Username, string? Password, string RepositoryPrefix)
{
    public string Host => $"{BaseAddress.Host}:{BaseAddress.Port}";

    /// <summary>A repository name this registry accepts (tke needs an existing registry namespace).</summary>
    public string Repository(string name) => RepositoryPrefix + name;
}
