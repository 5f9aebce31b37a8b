namespace Tke.Registry.Storage;

/// <summary>A repository as storage knows it: the same name in two tenants is two repositories.</summary>
public readonly record struct RepositoryKey(string Tenant, string Name)
{
    public override string ToString() => $"{Tenant}:{Name}";
}
