using Tke.E2E.Tests.Kubectl;

namespace Tke.E2E.Tests.Hosting;

/// <summary>
/// One server shared by the tests of a collection. Bookmarks every second so watch tests
/// see one quickly; compaction stays at its default so recent resourceVersions remain valid.
/// </summary>
public class TkeServerFixture : IAsyncLifetime
{
    public TkeServerFixture()
        : this("--watch-bookmark-interval", "1s")
    {
    }

    protected TkeServerFixture(params string[] extraServeArguments) => Server = new TkeServer(extraServeArguments);

    public TkeServer Server { get; }

    public string Kubeconfig => Server.KubeconfigPath;

    public string Token => Server.Token;

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>Authenticated as the bootstrap admin; trusts only the server's CA.</summary>
    public HttpClient Http => Server.Http;

    public string ServerOutputTail => Server.Output.Tail();

    public Task<KubectlResult> Kubectl(params string[] args) => Server.Kubectl.RunAsync(args);

    public Task<KubectlResult> KubectlWithInput(string stdin, params string[] args) => Server.Kubectl.RunWithInputAsync(stdin, args);

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A server that compacts its history every second, so old resourceVersions expire quickly.</summary>
public sealed class CompactingServerFixture() : TkeServerFixture("--compaction-interval", "1s");

[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<TkeServerFixture>
{
    public const string Name = "shared tke server";
}

[CollectionDefinition(Name)]
public sealed class CompactingServerCollection : ICollectionFixture<CompactingServerFixture>
{
    public const string Name = "compacting tke server";
}
