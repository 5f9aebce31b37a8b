namespace Tke.Kubernetes.Client;

/// <summary>Names a collection on the API server: group ("" for the core group), version and plural resource.</summary>
public readonly record struct GroupVersionResource(string Group, string Version, string Resource)
{
    /// <summary>"v1" for the core group, else "group/version".</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>/api/v1 or /apis/{group}/{version}.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    public static GroupVersionResource Core(string resource) => new("", "v1", resource);

    public override string ToString() => Group.Length == 0 ? $"{Resource}.{Version}" : $"{Resource}.{Version}.{Group}";
}
