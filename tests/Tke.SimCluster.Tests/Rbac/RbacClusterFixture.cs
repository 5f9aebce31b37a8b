using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.ApiServer.Components;
using Tke.SimCluster.Rbac;
using Tke.Storage.Sqlite;

namespace Tke.SimCluster.Tests.Rbac;

/// <summary>The simulated cluster's API surface on a fresh store with the RBAC component started in
/// one authorization mode, and helpers to send it requests as a user.</summary>
public sealed class RbacClusterFixture(AuthorizationMode mode) : IAsyncDisposable
{
    public static readonly RequestUser Admin = new("admin", ["system:masters", "system:authenticated"], "default");

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-rbac-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stopping = new();
    private SqliteKeyValueStore? _kv;

    public KindCatalog Catalog { get; } = new(SimulatedClusterApi.Groups());

    public ApiSurface Surface { get; private set; } = null!;

    public ComponentWiring Wiring { get; private set; } = null!;

    public static RequestUser User(string name, params string[] groups) => new(name, [.. groups, "system:authenticated"], "default");

    public static async Task<RbacClusterFixture> StartAsync(AuthorizationMode mode = AuthorizationMode.Rbac)
    {
        var fixture = new RbacClusterFixture(mode);
        Directory.CreateDirectory(fixture._dir);
        fixture._kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(fixture._dir, "db"));
        fixture.Surface = new ApiSurface(fixture.Catalog, fixture._kv, AdmissionChain.Empty, TimeProvider.System, new ApiSurfaceOptions { Stopping = fixture._stopping.Token });
        await fixture.StartComponentAsync();
        return fixture;
    }

    /// <summary>Starts the component (again, as a restarted server would on the same data).</summary>
    public async Task StartComponentAsync()
    {
        var context = new ServerContext(_dir, _kv!, Catalog, TimeProvider.System, NullLoggerFactory.Instance, _stopping.Token);
        Wiring = await new RbacComponent(mode).StartAsync(context, Surface, new Uri("https://127.0.0.1:1"), CancellationToken.None);
        Surface.Authorizer = Wiring.Authorizer!;
    }

    public ResourceStore Store(string group, string plural) => Surface.StoreFor(Catalog.Find(group, "v1", plural)!);

    public ResourceStore Rbac(string plural) => Store(RbacApiGroup.GroupName, plural);

    public Task<StoredItem> CreateAsync(string plural, ApiObject obj) =>
        Rbac(plural).CreateAsync(obj.Metadata.Namespace, JsonSerializer.SerializeToNode(obj, obj.GetType(), ApiJson.Options), new WriteContext(Admin), CancellationToken.None).AsTask();

    /// <summary>Sends a request the way the server does: the first handler that accepts it, else the API surface.</summary>
    public async Task<(int Code, JsonObject? Body)> SendAsync(RequestUser user, string method, string path, string? body = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        context.Features.Set(user);
        if (body is not null)
        {
            context.Request.ContentType = contentType;
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        try
        {
            var handler = Wiring.Handlers.OrderByDescending(h => h.Prefix.Length)
                .FirstOrDefault(h => path.StartsWith(h.Prefix, StringComparison.Ordinal) && (h.Accepts is null || h.Accepts(context.Request)));
            if (handler is not null)
            {
                await handler.Handle(context, user);
            }
            else if (ServedByTheServer(path) || !await Surface.TryHandleAsync(context, ApiRequest.Parse(path), user))
            {
                return (200, null); // what the server answers itself (/version, selfsubjectreviews) got through
            }
        }
        catch (StatusError e)
        {
            await ResponseWriter.WriteStatusAsync(context, e);
        }

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : null);
    }

    private bool ServedByTheServer(string path) =>
        ApiRequest.Parse(path) is { Kind: ApiPathKind.Resource } request && Catalog.Find(request.Group, request.Version, request.Resource) is null;

    /// <summary>Polls until the condition holds: the policy follows stored changes through a watch.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within 20s: {what}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_kv is not null)
        {
            await _kv.DisposeAsync();
        }

        _stopping.Dispose();
        try
        {
            Directory.Delete(_dir, true);
        }
        catch (IOException)
        {
        }
    }
}
