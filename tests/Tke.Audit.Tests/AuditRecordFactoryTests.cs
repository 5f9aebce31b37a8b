using System.Text.Json;
using System.Text.Json.Nodes;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Requests;

namespace Tke.Audit.Tests;

public sealed class AuditRecordFactoryTests
{
    private static readonly DateTimeOffset Received = new(2024, 5, 1, 8, 30, 0, 123, TimeSpan.Zero);

    [Fact]
    public void A_create_records_who_what_where_and_the_decision()
    {
        var http = Records.Request("POST", "/apis/platform.tkestack.io/v1/namespaces/ns1/clusters", userAgent: "kubectl/v1.30");
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?dryRun=All");
        var user = new RequestUser("alice", ["team-a"], "t1");
        var clock = new ManualClock(Received.AddMilliseconds(40));

        var record = AuditRecordFactory.From(http, Records.Parse(http), user, 201, AuditDecision.Allow, Received, reason: "policy pol-1", objectName: "cls-new", clock: clock);

        Assert.Equal("create", record.Verb);
        Assert.Equal("/apis/platform.tkestack.io/v1/namespaces/ns1/clusters?dryRun=All", record.RequestUri);
        Assert.Equal("alice", record.User.Username);
        Assert.Equal("t1", record.TenantId);
        Assert.Equal(["192.168.1.20"], record.SourceIps!);
        Assert.Equal("kubectl/v1.30", record.UserAgent);
        Assert.Equal(new AuditObjectRef { ApiGroup = "platform.tkestack.io", ApiVersion = "v1", Resource = "clusters", Namespace = "ns1", Name = "cls-new" }, record.ObjectRef);
        Assert.Equal(201, record.Code);
        Assert.True(Guid.TryParse(record.AuditId, out _));

        var json = JsonNode.Parse(JsonSerializer.Serialize(record, ApiJson.Options))!;
        Assert.Equal("audit.k8s.io/v1", (string)json["apiVersion"]!);
        Assert.Equal("Event", (string)json["kind"]!);
        Assert.Equal("Metadata", (string)json["level"]!);
        Assert.Equal("ResponseComplete", (string)json["stage"]!);
        Assert.Equal("2024-05-01T08:30:00.123000Z", (string)json["requestReceivedTimestamp"]!);
        Assert.Equal("2024-05-01T08:30:00.163000Z", (string)json["stageTimestamp"]!);
        Assert.Equal("allow", (string)json["annotations"]!["authorization.k8s.io/decision"]!);
        Assert.Equal("policy pol-1", (string)json["annotations"]!["authorization.k8s.io/reason"]!);
        Assert.Equal("t1", (string)json["annotations"]!["tkestack.io/tenant-id"]!);
        Assert.Equal("t1", (string)json["user"]!["extra"]!["tenantid"]![0]!);
        Assert.Equal(201, (int)json["responseStatus"]!["code"]!);
        Assert.Null(json["responseStatus"]!["status"]);
    }

    [Fact]
    public void A_denied_request_records_failure_and_forbid()
    {
        var http = Records.Request("DELETE", "/apis/business.tkestack.io/v1/projects/prj-1");
        http.Request.Headers["Audit-ID"] = "c0ffee-1234";
        var record = AuditRecordFactory.From(http, Records.Parse(http), new RequestUser("bob", [], "t2"), 403, AuditDecision.Forbid, Received, reason: "no policy allows deleteProject");

        Assert.Equal("delete", record.Verb);
        Assert.Equal("c0ffee-1234", record.AuditId);
        Assert.Equal("prj-1", record.ObjectRef!.Name);
        Assert.Equal("Failure", record.ResponseStatus!.Status);
        Assert.Equal("Forbidden", record.ResponseStatus.Reason);
        Assert.Equal("forbid", record.Annotations![AuditRecord.DecisionAnnotation]);
    }

    [Fact]
    public void An_unauthenticated_request_to_a_non_resource_path_has_no_tenant_or_object()
    {
        var http = Records.Request("GET", "/metrics");
        http.Request.Headers["Audit-ID"] = "bad id with spaces";
        var record = AuditRecordFactory.From(http, Records.Parse(http), RequestUser.Anonymous, 401, AuditDecision.Forbid, Received);

        Assert.Equal("get", record.Verb);
        Assert.Equal("system:anonymous", record.User.Username);
        Assert.Equal("", record.TenantId);
        Assert.Null(record.User.Extra);
        Assert.Null(record.ObjectRef);
        Assert.Equal("Unauthorized", record.ResponseStatus!.Reason);
        Assert.True(Guid.TryParse(record.AuditId, out _));
        Assert.False(record.Annotations!.ContainsKey(AuditRecord.TenantAnnotation));
    }

    [Theory]
    [InlineData("GET", "/apis/platform.tkestack.io/v1/clusters", "", "list")]
    [InlineData("GET", "/apis/platform.tkestack.io/v1/clusters", "watch=true", "watch")]
    [InlineData("GET", "/apis/platform.tkestack.io/v1/clusters/cls-1", "", "get")]
    [InlineData("PUT", "/apis/platform.tkestack.io/v1/clusters/cls-1/status", "", "update")]
    [InlineData("PATCH", "/api/v1/namespaces/default/configmaps/cm", "", "patch")]
    [InlineData("DELETE", "/api/v1/namespaces/default/configmaps", "", "deletecollection")]
    public void Verbs_follow_kubernetes(string method, string path, string query, string verb)
    {
        var http = Records.Request(method, path);
        http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query.Length == 0 ? "" : "?" + query);
        Assert.Equal(verb, AuditRecordFactory.Verb(http.Request, Records.Parse(http)));
    }

    [Theory]
    [InlineData("POST", 201, true)]
    [InlineData("PUT", 409, true)]
    [InlineData("PATCH", 200, true)]
    [InlineData("DELETE", 200, true)]
    [InlineData("GET", 200, false)]
    [InlineData("GET", 404, false)]
    [InlineData("GET", 401, true)]
    [InlineData("GET", 403, true)]
    public void Mutations_and_refusals_are_recorded(string method, int code, bool recorded) =>
        Assert.Equal(recorded, AuditRecordFactory.ShouldRecord(method, code));
}
