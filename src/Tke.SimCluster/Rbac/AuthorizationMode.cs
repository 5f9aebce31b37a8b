namespace Tke.SimCluster.Rbac;

/// <summary>kube-apiserver's --authorization-mode values the simulated cluster offers.</summary>
public enum AuthorizationMode
{
    /// <summary>Roles and bindings decide; system:masters may do anything.</summary>
    Rbac,

    /// <summary>Every authenticated request is allowed.</summary>
    AlwaysAllow,
}

public static class AuthorizationModes
{
    public static IReadOnlyList<string> Names { get; } = ["RBAC", "AlwaysAllow"];

    /// <summary>Parses the flag value, spelled as kube-apiserver spells it ("RBAC", "AlwaysAllow").</summary>
    public static bool TryParse(string? text, out AuthorizationMode mode)
    {
        mode = text switch
        {
            "RBAC" => AuthorizationMode.Rbac,
            "AlwaysAllow" => AuthorizationMode.AlwaysAllow,
            _ => (AuthorizationMode)(-1),
        };
        return Enum.IsDefined(mode);
    }
}
