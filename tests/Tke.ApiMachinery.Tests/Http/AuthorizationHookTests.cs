using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Tests.Store;
using Tke.Storage.Sqlite;

namespace Tke.ApiMachinery.Tests.Http;

public sealed class AuthorizationHookTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-authz-" + Guid.NewGuid().ToString("N"));
    private SqliteKeyValueStore _kv = null!;

    private sealed class TestGroup : IApiGroup
    {
        public string Name => "test.tkestack.io";

        public string PreferredVersion => "v1";

        public IReadOnlyList<KindDefinition> Kinds { get; } = [new WidgetKind()];
    }

    /// <summary>Allows reads only, and records what it was asked.</summary>
    private sealed class ReadOnlyAuthorizer : IRequestAuthorizer
    {
        public List<ResourceAttributes> Asked { get; } = [];

        public ValueTask<AuthorizationVerdict> AuthorizeAsync(RequestUser user, ResourceAttributes request, CancellationToken cancellationToken)
        {
            Asked.Add(request);
            return ValueTask.FromResult(request.Verb is "get" or "list" or "watch"
                ? AuthorizationVerdict.Allow("reads are fine")
                : AuthorizationVerdict.Deny("no policy allows it"));
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
    }

    public async Task DisposeAsync()
    {
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private static DefaultHttpContext Request(string method, string path, string? body = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        }

        return context;
    }

    [Fact]
    public async Task A_denied_request_is_403_with_the_reason_and_writes_nothing()
    {
        var authorizer = new ReadOnlyAuthorizer();
        var surface = new ApiSurface(new KindCatalog([new TestGroup()]), _kv, AdmissionChain.Empty, TimeProvider.System, new ApiSurfaceOptions { Authorizer = authorizer });
        var user = new RequestUser("bob", ["system:authenticated"], "default");

        var create = Request("POST", "/apis/test.tkestack.io/v1/widgets", """{"metadata":{"name":"w1"},"spec":{"size":1}}""");
        Assert.True(await surface.TryHandleAsync(create, ApiRequest.Parse(create.Request.Path), user));
        Assert.Equal(403, create.Response.StatusCode);
        create.Response.Body.Position = 0;
        var status = JsonNode.Parse(create.Response.Body)!;
        Assert.Equal("Forbidden", (string?)status["reason"]);
        Assert.Contains("User \"bob\" cannot create resource \"widgets\"", (string?)status["message"]);
        Assert.Contains("no policy allows it", (string?)status["message"]);
        Assert.Equal(0, _kv.CurrentRevision);

        var list = Request("GET", "/apis/test.tkestack.io/v1/widgets");
        Assert.True(await surface.TryHandleAsync(list, ApiRequest.Parse(list.Request.Path), user));
        Assert.Equal(200, list.Response.StatusCode);

        Assert.Equal(["create", "list"], authorizer.Asked.Select(a => a.Verb));
        Assert.All(authorizer.Asked, a => Assert.Equal(("test.tkestack.io", "widgets"), (a.Group, a.Resource)));
    }
}
