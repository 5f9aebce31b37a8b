using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.ApiServer.Authentication;

namespace Tke.Platform.Clusters.Proxy;

/// <summary>
/// GET .../clusters/{name}/kubeconfig: a kubeconfig for one cluster that goes through the
/// platform's proxy with the caller's own token, so kubectl acts as the caller and the
/// caller's policies apply.
/// </summary>
public sealed class UserKubeconfigEndpoint(ClusterAccess access, string caPath, Uri platformAddress)
{
    private const string Suffix = "/kubeconfig";

    public static bool Accepts(HttpRequest request) => ClusterName(request) is not null;

    public async Task HandleAsync(HttpContext context, RequestUser user)
    {
        var name = ClusterName(context.Request) ?? throw StatusError.PathNotFound(context.Request.Path);
        if (context.Request.Method is not ("GET" or "HEAD"))
        {
            throw StatusError.MethodNotSupported("clusters/kubeconfig", context.Request.Method);
        }

        var cancellationToken = context.RequestAborted;
        await access.FindVisibleAsync(name, user, cancellationToken);
        await access.AuthorizeClusterReadAsync(name, user, cancellationToken);
        var token = BearerToken.From(context.Request)
            ?? throw StatusError.BadRequest("the kubeconfig carries the caller's bearer token, and this request was not made with one");

        var server = $"{PlatformRoot(context.Request)}{ClusterProxyRoute.ClustersPath}{Uri.EscapeDataString(name)}/proxy";
        var yaml = Render(name, server, File.Exists(caPath) ? await File.ReadAllBytesAsync(caPath, cancellationToken) : null, user.Name, token);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/yaml";
        context.Response.Headers.CacheControl = "no-store"; // it holds a token
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(yaml), cancellationToken);
    }

    public static string Render(string clusterName, string server, byte[]? caPem, string userName, string token)
    {
        var userEntry = $"{userName}@{clusterName}";
        var yaml = new StringBuilder()
            .Append("apiVersion: v1\n")
            .Append("kind: Config\n")
            .Append("clusters:\n")
            .Append("- name: ").Append(Quoted(clusterName)).Append('\n')
            .Append("  cluster:\n")
            .Append("    server: ").Append(Quoted(server)).Append('\n');
        if (caPem is not null)
        {
            yaml.Append("    certificate-authority-data: ").Append(Convert.ToBase64String(caPem)).Append('\n');
        }

        return yaml
            .Append("users:\n")
            .Append("- name: ").Append(Quoted(userEntry)).Append('\n')
            .Append("  user:\n")
            .Append("    token: ").Append(Quoted(token)).Append('\n')
            .Append("contexts:\n")
            .Append("- name: ").Append(Quoted(clusterName)).Append('\n')
            .Append("  context:\n")
            .Append("    cluster: ").Append(Quoted(clusterName)).Append('\n')
            .Append("    user: ").Append(Quoted(userEntry)).Append('\n')
            .Append("current-context: ").Append(Quoted(clusterName)).Append('\n')
            .ToString();
    }

    // A JSON string is a valid YAML double-quoted scalar, whatever characters a user name holds.
    private static string Quoted(string value) => JsonSerializer.Serialize(value);

    // The address the caller reached the platform by, so the kubeconfig works from where it was fetched.
    private string PlatformRoot(HttpRequest request) =>
        request.Host.HasValue ? $"https://{request.Host.Value}" : platformAddress.GetLeftPart(UriPartial.Authority);

    private static string? ClusterName(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(ClusterProxyRoute.ClustersPath, StringComparison.Ordinal) || !path.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[ClusterProxyRoute.ClustersPath.Length..^Suffix.Length];
        return name.Length > 0 && !name.Contains('/', StringComparison.Ordinal) ? Uri.UnescapeDataString(name) : null;
    }
}
