namespace Tke.Kubernetes.Tests.Hosting;

/// <summary>One server shared by the tests of <see cref="TkeServeCollection"/>; each test uses its own labels or names.</summary>
public sealed class TkeServeFixture : IAsyncLifetime
{
    private TkeServe? _server;

    public TkeServe Server => _server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _server = await TkeServe.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TkeServeCollection : ICollectionFixture<TkeServeFixture>
{
    public const string Name = "tke serve";
}
