namespace Tke.Registry.Access;

/// <summary>Where business.tkestack.io keeps Projects, named here so that the registry need not reference the business component.</summary>
public static class BusinessProjects
{
    public const string Group = "business.tkestack.io";
    public const string Version = "v1";
    public const string Plural = "projects";
}
