using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Store;
using Tke.Registry.Apis;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Charts;
using Tke.Registry.Charts;
using Tke.Registry.Distribution;
using Tke.Registry.Resources;
using Tke.Storage.Sqlite;

namespace Tke.Registry.Tests.Charts;

/// <summary>The chart repositories over a real store and file system, served by Kestrel on loopback,
/// with downloads counted through the same queue and recorder as in `tke serve`.</summary>
internal sealed class ChartRepositoryServer : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "alice-secret";

    private static readonly WriteContext Admin = new(new RequestUser("admin", [RequestUser.AllTenantsGroup], "default"));

    private SqliteKeyValueStore _kv = null!;
    private WebApplication _app = null!;
    private bool _pullsDelivered;
    private int _inFlight;

    private ChartRepositoryServer(string dir)
    {
        Directory = dir;
    }

    public string Directory { get; }

    public string ChartRoot => Path.Combine(Directory, "charts");

    public BasicCredentialsRegistryAccess Access { get; } = new BasicCredentialsRegistryAccess()
        .WithUser(User, Password, "default")
        .WithUser("mallory", "mallory-secret", "other");

    public ChartObjects Objects { get; private set; } = null!;

    public ChartRepositories Repositories { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Where downloads are published; <see cref="DeliverPullsAsync"/> empties it.</summary>
    public RepositoryEventQueue Pulls { get; private set; } = null!;

    public static async Task<ChartRepositoryServer> StartAsync(long maxArchiveBytes = 20 * 1024 * 1024)
    {
        var server = new ChartRepositoryServer(Path.Combine(Path.GetTempPath(), "tke-charts-" + Guid.NewGuid().ToString("N")));
        System.IO.Directory.CreateDirectory(server.Directory);
        server._kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(server.Directory, "db"));
        var catalog = new KindCatalog([new RegistryApiGroup()]);
        var surface = new ApiSurface(catalog, server._kv, AdmissionChain.Empty, TimeProvider.System, new ApiSurfaceOptions());
        server.Objects = new ChartObjects(surface, catalog);
        server.Repositories = new ChartRepositories(new ChartRepositoryOptions { RootDirectory = server.ChartRoot, MaxArchiveBytes = maxArchiveBytes }, server.Objects, TimeProvider.System, NullLogger.Instance);
        server.Pulls = new RepositoryEventQueue(new ChartPullRecorder(server.Objects));
        var endpoint = new ChartRepositoryEndpoint(server.Repositories, server.Access, NullLogger.Instance, server.Pulls);
        server._app = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref server._inFlight);
            try
            {
                await (ChartRepositoryEndpoint.Accepts(context.Request) ? endpoint.HandleAsync(context) : NotFound(context));
            }
            finally
            {
                Interlocked.Decrement(ref server._inFlight);
            }
        });
        server.Client = new HttpClient { BaseAddress = LoopbackServer.AddressOf(server._app) };
        return server;
    }

    public async Task<ChartGroup> CreateGroupAsync(string name, string tenant = "default", string visibility = Visibilities.Public, ChartGroupImport? imported = null)
    {
        var group = new ChartGroup
        {
            ApiVersion = "registry.tkestack.io/v1",
            Kind = "ChartGroup",
            Spec = new ChartGroupSpec
            {
                Name = name,
                TenantId = tenant,
                Visibility = visibility,
                Users = visibility == Visibilities.User ? [User] : null,
                Type = imported is null ? RepoTypes.SelfBuilt : RepoTypes.Imported,
                ImportedInfo = imported,
            },
        };
        if (visibility == Visibilities.Public)
        {
            Access.PublicGroups.Add(name);
        }

        var created = await Objects.ChartGroups.CreateAsync(null, JsonSerializer.SerializeToNode(group, ApiJson.Options), Admin, CancellationToken.None);
        return (ChartGroup)created.Object;
    }

    /// <summary>Delivers every pull published so far and stops the queue (as at shutdown), so that
    /// counts can be read without waiting on the queue's timing. A client has its download before
    /// the handler publishes it, so handlers still running are let finish first.</summary>
    public async Task DeliverPullsAsync()
    {
        while (Volatile.Read(ref _inFlight) > 0)
        {
            await Task.Delay(10);
        }

        if (!_pullsDelivered)
        {
            _pullsDelivered = true;
            await Pulls.DisposeAsync();
        }
    }

    /// <summary>The status.pullCount of each chart of the group, by chart name.</summary>
    public async Task<Dictionary<string, int>> PullCountsAsync(ChartGroup group) =>
        (await ChartsAsync(group)).ToDictionary(c => c.Spec.Name, c => c.Status?.PullCount ?? 0);

    public async Task<ChartGroup> GroupAsync(ChartGroup group) =>
        (ChartGroup)(await Objects.ChartGroups.GetAsync(null, group.Metadata.Name!, CancellationToken.None)).Object;

    public async Task<List<Chart>> ChartsAsync(ChartGroup group) =>
        (await Objects.Charts.ListAsync(group.Metadata.Name, new ListQuery(), CancellationToken.None)).Items.Select(i => (Chart)i.Object).ToList();

    public Task<HttpResponseMessage> UploadAsync(string group, byte[] archive, bool force = false, bool authenticated = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/chart/api/{group}/charts" + (force ? "?force" : ""))
        {
            Content = new ByteArrayContent(archive),
        };
        if (authenticated)
        {
            request.Headers.Authorization = BasicAuth(User, Password);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue? auth = null, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = auth;
        return Client.SendAsync(request);
    }

    /// <summary>The files stored for a group, temporary ones included, so tests see any leftovers.</summary>
    public string[] StoredFiles(string group, string tenant = "default")
    {
        var dir = Path.Combine(ChartRoot, tenant, group);
        return System.IO.Directory.Exists(dir) ? System.IO.Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().Order().ToArray() : [];
    }

    public static AuthenticationHeaderValue BasicAuth(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await DeliverPullsAsync();
        await _kv.DisposeAsync();
        System.IO.Directory.Delete(Directory, true);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    }
}

/// <summary>A Kestrel server on 127.0.0.1 with a free port, answering every request with one handler.</summary>
internal static class LoopbackServer
{
    public static async Task<WebApplication> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }

    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
