using Microsoft.AspNetCore.Http;
using Tke.Registry.Access;
using Tke.Registry.Storage;

namespace Tke.Registry.Distribution;

/// <summary>An authorized request on one repository.</summary>
public sealed record RepositoryRequest(HttpContext Context, RegistryRoute Route, RepositoryKey Repository, RegistryPrincipal Principal)
{
    public HttpRequest Request => Context.Request;

    public HttpResponse Response => Context.Response;

    public CancellationToken Aborted => Context.RequestAborted;

    public string Name => Repository.Name;
}
