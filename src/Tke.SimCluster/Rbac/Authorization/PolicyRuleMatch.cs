namespace Tke.SimCluster.Rbac.Authorization;

/// <summary>Whether one RBAC rule covers a request, with Kubernetes' wildcard semantics: "*" verbs,
/// groups and resources; "pods/log" names a subresource and "*/scale" that subresource of every
/// resource; resourceNames limit the rule to those objects (so never to a list); non-resource URLs
/// match exactly or, ending in "*", by prefix.</summary>
public static class PolicyRuleMatch
{
    private const string All = "*";

    public static bool Allows(PolicyRule rule, AccessRequest request)
    {
        if (!Contains(rule.Verbs, request.Verb))
        {
            return false;
        }

        if (!request.IsResourceRequest)
        {
            return UrlMatches(rule.NonResourceUrls, request.Path!);
        }

        return Contains(rule.ApiGroups, request.Group)
            && ResourceMatches(rule.Resources, request.Resource, request.Subresource)
            && NameMatches(rule.ResourceNames, request.Name);
    }

    private static bool Contains(List<string>? values, string requested)
    {
        foreach (var value in values ?? [])
        {
            if (value == All || value == requested)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ResourceMatches(List<string>? resources, string resource, string subresource)
    {
        var combined = subresource.Length == 0 ? resource : $"{resource}/{subresource}";
        foreach (var value in resources ?? [])
        {
            if (value == All || value == combined)
            {
                return true;
            }

            if (subresource.Length > 0 && value.Length == subresource.Length + 2
                && value.StartsWith("*/", StringComparison.Ordinal) && value.EndsWith(subresource, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool NameMatches(List<string>? names, string name) =>
        names is not { Count: > 0 } || names.Contains(name, StringComparer.Ordinal);

    private static bool UrlMatches(List<string>? urls, string path)
    {
        foreach (var url in urls ?? [])
        {
            if (url == All || url == path)
            {
                return true;
            }

            if (url.EndsWith('*') && path.StartsWith(url.TrimEnd('*'), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
