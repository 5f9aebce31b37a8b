using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tke.ApiServer.Hosting;
using Tke.Registry.Distribution;
using Tke.Registry.Storage;

namespace Tke.Registry.Tests.Distribution;

/// <summary>The distribution endpoint on Kestrel at 127.0.0.1 (a free port), over a storage root
/// that outlives the server so a test can restart it.</summary>
public sealed class RegistryTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryTestServer(WebApplication app, RegistryStorage storage, RepositoryEventQueue events, RecordingRepositoryEvents recorded, Uri address)
    {
        _app = app;
        Storage = storage;
        EventQueue = events;
        Recorded = recorded;
        Address = address;
    }

    public RegistryStorage Storage { get; }

    public RepositoryEventQueue EventQueue { get; }

    public RecordingRepositoryEvents Recorded { get; }

    public Uri Address { get; }

    public static async Task<RegistryTestServer> StartAsync(string root, AllowListRegistryAccess access)
    {
        var storage = new RegistryStorage(root);
        var recorded = new RecordingRepositoryEvents();
        var events = new RepositoryEventQueue(recorded);
        var endpoint = new DistributionEndpoint(storage, access, events);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        ConnectionBufferPoolFactory.Register(builder.Services, TimeProvider.System);
        var app = builder.Build();
        app.Run(context => DistributionEndpoint.Accepts(context.Request) ? endpoint.HandleAsync(context) : Task.CompletedTask);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RegistryTestServer(app, storage, events, recorded, new Uri(address));
    }

    public HttpClient Client(string? user = null, string? password = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await EventQueue.DisposeAsync();
        Storage.Dispose();
    }
}
