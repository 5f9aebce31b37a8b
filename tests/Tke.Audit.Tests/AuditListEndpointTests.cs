namespace Tke.Audit.Tests;

public sealed class AuditListEndpointTests : IDisposable
{
    private readonly TempAuditLog _db = new();
    private readonly AuditListEndpoint _endpoint;

    public AuditListEndpointTests()
    {
        _endpoint = new AuditListEndpoint(_db.Log);
        _db.Log.WriteBatch(
        [
            Records.Make(user: "alice", tenant: "t1", name: "a1", at: Records.Epoch),
            Records.Make(user: "bob", tenant: "t2", name: "b1", at: Records.Epoch.AddMinutes(1)),
            Records.Make(user: "alice", tenant: "t1", name: "a2", code: 403, decision: "forbid", at: Records.Epoch.AddMinutes(2)),
            Records.Make(user: "carol", tenant: "t2", group: "", resource: "configmaps", ns: "default", name: "b2", at: Records.Epoch.AddMinutes(3)),
        ]);
    }

    public void Dispose() => _db.Dispose();

    private async Task<(int Status, System.Text.Json.Nodes.JsonObject Body)> List(string query, Tke.ApiMachinery.Requests.RequestUser? user = null)
    {
        var context = Records.Get(query);
        await _endpoint.HandleAsync(context, user ?? Records.Admin);
        return (context.Response.StatusCode, Records.Body(context));
    }

    private static string[] Names(System.Text.Json.Nodes.JsonObject body) =>
        body["items"]!.AsArray().Select(i => (string)i!["objectRef"]!["name"]!).ToArray();

    [Fact]
    public async Task Lists_an_event_list_newest_first()
    {
        var (status, body) = await List("");
        Assert.Equal(200, status);
        Assert.Equal("audit.k8s.io/v1", (string)body["apiVersion"]!);
        Assert.Equal("EventList", (string)body["kind"]!);
        Assert.Null(body["metadata"]!["continue"]);
        Assert.Equal(["b2", "a2", "b1", "a1"], Names(body));
        var item = body["items"]![1]!;
        Assert.Equal("Event", (string)item["kind"]!);
        Assert.Equal("forbid", (string)item["annotations"]![AuditRecord.DecisionAnnotation]!);
        Assert.Equal(403, (int)item["responseStatus"]!["code"]!);
        Assert.Equal("2024-05-01T12:02:00.000000Z", (string)item["requestReceivedTimestamp"]!);
    }

    [Theory]
    [InlineData("user=alice", new[] { "a2", "a1" })]
    [InlineData("tenant=t2", new[] { "b2", "b1" })]
    [InlineData("resource=clusters.platform.tkestack.io", new[] { "a2", "b1", "a1" })]
    [InlineData("apiGroup=core&resource=configmaps", new[] { "b2" })]
    [InlineData("namespace=default", new[] { "b2" })]
    [InlineData("result=failure", new[] { "a2" })]
    [InlineData("code=201&user=", new[] { "b2", "b1", "a1" })]
    [InlineData("from=2024-05-01T12:01:00Z&to=2024-05-01T20:03:00%2B08:00", new[] { "a2", "b1" })]
    [InlineData("startTime=1714564860000&endTime=1714564980000", new[] { "a2", "b1" })]
    [InlineData("verb=create&name=a1", new[] { "a1" })]
    public async Task Query_parameters_filter(string query, string[] expected)
    {
        var (status, body) = await List(query);
        Assert.Equal(200, status);
        Assert.Equal(expected, Names(body));
    }

    [Fact]
    public async Task Pages_follow_the_continue_token()
    {
        var (_, first) = await List("limit=3");
        Assert.Equal(["b2", "a2", "b1"], Names(first));
        var token = (string)first["metadata"]!["continue"]!;
        var (_, second) = await List("limit=3&continue=" + Uri.EscapeDataString(token));
        Assert.Equal(["a1"], Names(second));
        Assert.Null(second["metadata"]!["continue"]);
    }

    [Fact]
    public async Task A_tenant_confined_caller_sees_only_its_tenant()
    {
        var (_, own) = await List("", Records.TenantUser("t1"));
        Assert.Equal(["a2", "a1"], Names(own));

        var (_, narrowed) = await List("user=alice&tenant=t1", Records.TenantUser("t1"));
        Assert.Equal(["a2", "a1"], Names(narrowed));

        var (status, other) = await List("tenant=t2", Records.TenantUser("t1"));
        Assert.Equal(200, status);
        Assert.Empty(Names(other));

        var (_, byUser) = await List("user=bob", Records.TenantUser("t1"));
        Assert.Empty(Names(byUser));
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("from=2024-05-01")]
    [InlineData("to=2024-13-01T00:00:00Z")]
    [InlineData("from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z")]
    [InlineData("startTime=-5")]
    [InlineData("endTime=soon")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=-1")]
    [InlineData("limit=ten")]
    [InlineData("continue=garbage!!")]
    [InlineData("continue=eyJ2IjoiYXVkaXQvdjEiLCJzZXEiOi0xfQ")]
    [InlineData("result=maybe")]
    [InlineData("code=abc")]
    [InlineData("code=999")]
    [InlineData("user=a&user=b")]
    public async Task Bad_parameters_are_a_bad_request_status(string query)
    {
        var (status, body) = await List(query);
        Assert.Equal(400, status);
        Assert.Equal("Status", (string)body["kind"]!);
        Assert.Equal("Failure", (string)body["status"]!);
        Assert.Equal("BadRequest", (string)body["reason"]!);
        Assert.Equal(400, (int)body["code"]!);
    }

    [Fact]
    public async Task Only_get_is_served()
    {
        var context = Records.Get("");
        context.Request.Method = "DELETE";
        await _endpoint.HandleAsync(context, Records.Admin);
        Assert.Equal(405, context.Response.StatusCode);
    }
}
