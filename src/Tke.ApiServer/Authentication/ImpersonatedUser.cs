using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.ApiServer.Authentication;

/// <summary>
/// Kubernetes user impersonation (Impersonate-User, Impersonate-Group): a privileged caller acts
/// as another user, as kube-apiserver allows for system:masters. The platform's cluster proxy
/// relies on it so that a managed cluster sees, and audits, the platform user behind a request.
/// </summary>
public static class ImpersonatedUser
{
    public const string UserHeader = "Impersonate-User";
    public const string GroupHeader = "Impersonate-Group";

    /// <summary>The impersonated user when the request asks for one, otherwise <paramref name="caller"/>.
    /// Only callers in system:masters may impersonate; the caller must check that first.</summary>
    public static RequestUser Apply(HttpRequest request, RequestUser caller)
    {
        var name = request.Headers[UserHeader].ToString().Trim();
        if (name.Length == 0)
        {
            return caller;
        }

        var groups = request.Headers[GroupHeader]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToList();
        // kube-apiserver adds system:authenticated to every impersonated user.
        if (!groups.Contains("system:authenticated"))
        {
            groups.Add("system:authenticated");
        }

        return new RequestUser(name, groups.Distinct(StringComparer.Ordinal).ToArray(), caller.TenantId);
    }
}
