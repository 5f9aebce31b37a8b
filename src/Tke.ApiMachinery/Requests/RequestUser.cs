namespace Tke.ApiMachinery.Requests;

/// <summary>Who is making a request, as established by authentication.</summary>
public sealed record RequestUser(string Name, IReadOnlyList<string> Groups, string TenantId)
{
    public static RequestUser Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"], "");

    /// <summary>The group whose members act across all tenants (the bootstrap admin).</summary>
    public const string AllTenantsGroup = "system:masters";

    public bool IsAuthenticated => !ReferenceEquals(this, Anonymous);

    /// <summary>The tenant this caller is confined to, or null for callers that see all tenants.</summary>
    public string? TenantScope => Groups.Contains(AllTenantsGroup) ? null : TenantId;
}
