using System.Text;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Api;

/// <summary>
/// Requests the server must reject, each with the Kubernetes code and a metav1.Status, and
/// without storing anything: the list's resourceVersion (the store revision) stays the same.
/// </summary>
[Collection(SharedServerCollection.Name)]
public sealed class BadInputTests(TkeServerFixture server)
{
    private ResourceClient Clusters => ResourceClient.Clusters(server.Server);

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var response = await CreateRejectedAsync(ResourceClient.Content("""{"apiVersion":"platform.tkestack.io/v1","kind":"Cluster","metadata":{"name":"cls-e2ebroken" """, "application/json"));

        response.Expect(400);
        AssertStatus(response, "BadRequest");
    }

    [Theory]
    [InlineData("apiVersion: platform.tkestack.io/v1\nkind: Cluster\nmetadata: name: cls-e2ebrokenyaml\n")]
    [InlineData("apiVersion: platform.tkestack.io/v1\nkind: Cluster\nmetadata:\n  name: [cls-e2ebrokenyaml\n  labels: {a: b\n")]
    [InlineData("apiVersion: platform.tkestack.io/v1\nkind: Cluster\nmetadata:\n  name: \"cls-e2ebrokenyaml\n")]
    [InlineData("apiVersion: platform.tkestack.io/v1\n\tkind: Cluster\n")]
    public async Task Malformed_yaml_is_400(string yaml)
    {
        var response = await CreateRejectedAsync(ResourceClient.Content(yaml, "application/yaml"));

        response.Expect(400);
        AssertStatus(response, "BadRequest");
    }

    [Fact]
    public async Task Valid_yaml_body_is_accepted()
    {
        var response = await Clusters.SendAsync(HttpMethod.Post, Clusters.CollectionPath, ResourceClient.Content(ClusterManifest.Yaml("cls-e2eyamlbody"), "application/yaml"));

        response.Expect(201);
        Assert.Equal("cls-e2eyamlbody", (string?)response.Object["metadata"]!["name"]);
    }

    [Fact]
    public async Task Body_of_another_kind_is_400()
    {
        var body = ClusterManifest.Json("cls-e2ewrongkind");
        body["kind"] = "Machine";

        var response = await CreateRejectedAsync(ResourceClient.Json(body));

        response.Expect(400);
        AssertStatus(response, "BadRequest");
        Assert.Contains("Machine", (string?)response.Json!["message"]);
    }

    [Fact]
    public async Task Body_of_another_api_version_is_400()
    {
        var body = ClusterManifest.Json("cls-e2ewrongversion");
        body["apiVersion"] = "business.tkestack.io/v1";

        var response = await CreateRejectedAsync(ResourceClient.Json(body));

        response.Expect(400);
        AssertStatus(response, "BadRequest");
    }

    [Theory]
    [InlineData("too-long")]
    [InlineData("cls_bad!chars")]
    [InlineData("UPPER")]
    public async Task Invalid_name_is_422_with_a_metadata_name_cause(string name)
    {
        var body = ClusterManifest.Json(name == "too-long" ? "cls-" + new string('x', 300) : name);

        var response = await CreateRejectedAsync(ResourceClient.Json(body));

        response.Expect(422);
        AssertStatus(response, "Invalid");
        Assert.Contains("metadata.name", response.CauseFields);
        AssertCauseMessagesOmitTheField(response);
        Assert.Equal("Cluster", (string?)response.Json!["details"]!["kind"]);
        Assert.Equal("platform.tkestack.io", (string?)response.Json!["details"]!["group"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Body_over_3_MiB_is_413(bool withContentLength)
    {
        var body = ClusterManifest.Json("cls-e2ehuge");
        body["spec"]!["displayName"] = new string('x', (3 * 1024 * 1024) + 16);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        HttpContent content = withContentLength
            ? new ByteArrayContent(bytes)
            : new StreamContent(new NoLengthStream(bytes)); // sent chunked: the server must count as it reads
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await CreateRejectedAsync(content);

        response.Expect(413);
        AssertStatus(response, "RequestEntityTooLarge");
    }

    [Fact]
    public async Task Put_with_a_stale_resource_version_is_409_and_keeps_the_newer_object()
    {
        const string name = "cls-e2estaleput";
        var created = await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json(name, "original"));
        var newer = (await Clusters.MergePatchAsync(name, JsonNode.Parse("""{"spec":{"displayName":"newer"}}""")!)).Expect(200);

        var stale = created.DeepClone();
        stale["spec"]!["displayName"] = "stale-write";
        var response = await Clusters.UpdateAsync(name, stale);

        response.Expect(409);
        AssertStatus(response, "Conflict");
        var current = (await Clusters.GetAsync(name)).Expect(200);
        Assert.Equal(newer.ResourceVersion, current.ResourceVersion);
        Assert.Equal("newer", (string?)current.Object["spec"]!["displayName"]);
    }

    [Fact]
    public async Task Put_without_a_resource_version_is_422_and_changes_nothing()
    {
        const string name = "cls-e2eputnorv";
        var created = await Clusters.CreateExpectingSuccessAsync(ClusterManifest.Json(name, "original"));
        var body = created.DeepClone();
        body["metadata"]!.AsObject().Remove("resourceVersion");
        body["spec"]!["displayName"] = "unconditional";

        var response = await Clusters.UpdateAsync(name, body);

        response.Expect(422);
        AssertStatus(response, "Invalid");
        Assert.Contains("metadata.resourceVersion", response.CauseFields);
        var current = (await Clusters.GetAsync(name)).Expect(200);
        Assert.Equal((string?)created["metadata"]!["resourceVersion"], current.ResourceVersion);
        Assert.Equal("original", (string?)current.Object["spec"]!["displayName"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-admin-token")]
    public async Task Requests_without_the_right_token_are_401_and_change_nothing(string? token)
    {
        using var client = server.Server.CreateHttpClient(token);
        var revision = (await Clusters.ListAsync()).Expect(200).ResourceVersion;

        var list = await ResourceClient.SendAsync(client, HttpMethod.Get, Clusters.CollectionPath, null);
        var create = await ResourceClient.SendAsync(client, HttpMethod.Post, Clusters.CollectionPath, ResourceClient.Json(ClusterManifest.Json("cls-e2eunauthorized")));

        foreach (var response in new[] { list, create })
        {
            response.Expect(401);
            AssertStatus(response, "Unauthorized");
        }

        (await Clusters.GetAsync("cls-e2eunauthorized")).Expect(404);
        Assert.Equal(revision, (await Clusters.ListAsync()).Expect(200).ResourceVersion);
    }

    /// <summary>Posts a create that must fail, and checks that the store did not change.</summary>
    private async Task<ApiResponse> CreateRejectedAsync(HttpContent content)
    {
        var before = (await Clusters.ListAsync()).Expect(200);

        var response = await Clusters.SendAsync(HttpMethod.Post, Clusters.CollectionPath, content);

        var after = (await Clusters.ListAsync()).Expect(200);
        Assert.True(before.ResourceVersion == after.ResourceVersion, $"the store changed ({before.ResourceVersion} -> {after.ResourceVersion}) after {response}");
        Assert.Equal(before.ItemNames, after.ItemNames);
        return response;
    }

    [Fact]
    public async Task Unsupported_enum_value_is_422_with_a_cause_for_the_field()
    {
        var body = ClusterManifest.Json("cls-e2ebadenumapi");
        body["spec"]!["type"] = "Mainframe";

        var response = await CreateRejectedAsync(ResourceClient.Json(body));

        response.Expect(422);
        AssertStatus(response, "Invalid");
        var cause = response.Json!["details"]!["causes"]!.AsArray().Single(c => (string?)c!["field"] == "spec.type")!;
        Assert.Equal("FieldValueNotSupported", (string?)cause["reason"]);
        AssertCauseMessagesOmitTheField(response);
    }

    /// <summary>As in kube-apiserver, a cause's message is "Invalid value: ..." and its field is separate;
    /// kubectl prints "field: message", so a message that repeats the field shows it twice.</summary>
    private static void AssertCauseMessagesOmitTheField(ApiResponse response)
    {
        foreach (var cause in response.Json!["details"]!["causes"]!.AsArray())
        {
            var field = (string?)cause!["field"] ?? "";
            Assert.False(((string?)cause["message"] ?? "").StartsWith(field + ":", StringComparison.Ordinal), $"cause message repeats its field: {cause.ToJsonString()}");
        }
    }

    private static void AssertStatus(ApiResponse response, string reason)
    {
        Assert.Equal("Status", (string?)response.Json?["kind"]);
        Assert.Equal("v1", (string?)response.Json?["apiVersion"]);
        Assert.Equal("Failure", (string?)response.Json?["status"]);
        Assert.Equal(reason, response.Reason);
        Assert.Equal(response.Code, (int?)response.Json?["code"]);
    }

    /// <summary>A stream that hides its length, so HttpClient sends it with chunked encoding.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
