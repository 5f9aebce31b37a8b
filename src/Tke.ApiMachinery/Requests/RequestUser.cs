namespace Tke.ApiMachinery.Requests;

/// <summary>Who is making a request, as established by authentication.</summary>
public sealed record RequestUser(string Name, IReadOnlyList<string> Groups, string TenantId)
{
    public static RequestUser Anonymous { get; } = new("system:anonymous", ["system:unauthenticated"], "");

    public bool IsAuthenticated => !ReferenceEquals(this, Anonymous);
}
