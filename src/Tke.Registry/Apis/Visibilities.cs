namespace Tke.Registry.Apis;

/// <summary>Who may see a registry namespace, chart group or chart.</summary>
public static class Visibilities
{
    /// <summary>Every platform user.</summary>
    public const string Public = "Public";

    /// <summary>The users listed on the object.</summary>
    public const string User = "User";

    /// <summary>Members of the projects (businesses) listed on the object.</summary>
    public const string Project = "Project";

    /// <summary>The owner only; superseded by User and Project for chart groups.</summary>
    public const string Private = "Private";
}
