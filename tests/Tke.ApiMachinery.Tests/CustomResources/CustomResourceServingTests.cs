using System.Text.Json.Nodes;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.Storage.Sqlite;

namespace Tke.ApiMachinery.Tests.CustomResources;

/// <summary>A kind registered at run time is served by the generic machinery like a built-in one.</summary>
public sealed class CustomResourceServingTests : IAsyncLifetime
{
    private const string Collection = "/apis/stable.example.com/v1/namespaces/default/crontabs";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-crd-" + Guid.NewGuid().ToString("N"));
    private SqliteKeyValueStore _kv = null!;
    private KindCatalog _catalog = null!;
    private SurfaceRequests _api = null!;

    private sealed class BuiltInGroup : IApiGroup
    {
        public string Name => "test.tkestack.io";

        public string PreferredVersion => "v1";

        public IReadOnlyList<KindDefinition> Kinds { get; } = [new ConfigMapKind("test.tkestack.io")];
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        _catalog = new KindCatalog([new BuiltInGroup()]);
        _api = new SurfaceRequests(new ApiSurface(_catalog, _kv, AdmissionChain.Empty, TimeProvider.System, new ApiSurfaceOptions()));
    }

    public async Task DisposeAsync()
    {
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    private static string CronTab(string name, string spec) =>
        $$"""{"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"{{name}}"},"spec":{{spec}}}""";

    [Fact]
    public async Task A_registered_kind_is_served_and_discovered_until_it_is_unregistered()
    {
        Assert.Equal(404, (await _api.SendAsync("GET", Collection)).Code);
        var kind = CronTabSchema.Kind();
        _catalog.Register(kind);

        var groups = (await _api.SendAsync("GET", "/apis")).Body!;
        Assert.Contains("stable.example.com", groups["groups"]!.AsArray().Select(g => (string?)g!["name"]));
        var resources = (await _api.SendAsync("GET", "/apis/stable.example.com/v1")).Body!["resources"]!.AsArray();
        var crontabs = resources.Single(r => (string?)r!["name"] == "crontabs")!;
        Assert.Equal("CronTab", (string?)crontabs["kind"]);
        Assert.Equal(["ct"], crontabs["shortNames"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["all"], crontabs["categories"]!.AsArray().Select(n => (string?)n));
        Assert.Contains(resources, r => (string?)r!["name"] == "crontabs/status");

        var created = await _api.SendAsync("POST", Collection, CronTab("nightly", """{"cronSpec":"0 3 * * *","image":"backup"}"""));
        Assert.Equal(201, created.Code);
        Assert.Equal(1, (int)created.Body!["spec"]!["replicas"]!);
        Assert.Equal(1, (long)created.Body["metadata"]!["generation"]!);
        var list = (await _api.SendAsync("GET", Collection)).Body!;
        Assert.Equal("CronTabList", (string?)list["kind"]);
        Assert.Equal("nightly", (string?)list["items"]![0]!["metadata"]!["name"]);

        _catalog.Unregister(kind);
        Assert.Equal(404, (await _api.SendAsync("GET", Collection)).Code);
        Assert.Equal(404, (await _api.SendAsync("GET", "/apis/stable.example.com/v1")).Code);
        Assert.DoesNotContain("stable.example.com", (await _api.SendAsync("GET", "/apis")).Body!["groups"]!.AsArray().Select(g => (string?)g!["name"]));
    }

    [Fact]
    public async Task An_object_failing_the_schema_is_422_with_field_causes_and_nothing_is_stored()
    {
        _catalog.Register(CronTabSchema.Kind());
        var revision = _kv.CurrentRevision;

        var refused = await _api.SendAsync("POST", Collection, CronTab("bad", """{"cronSpec":"0 3 * * *","replicas":"many"}"""));

        Assert.Equal(422, refused.Code);
        Assert.Equal("Invalid", (string?)refused.Body!["reason"]);
        Assert.Contains("CronTab.stable.example.com \"bad\" is invalid: spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"", (string?)refused.Body["message"]);
        Assert.Equal("spec.replicas", (string?)refused.Body["details"]!["causes"]![0]!["field"]);
        Assert.Equal(revision, _kv.CurrentRevision);
        Assert.Equal(404, (await _api.SendAsync("GET", Collection + "/bad")).Code);
    }

    [Fact]
    public async Task Unknown_fields_are_refused_with_strict_validation_and_pruned_otherwise()
    {
        _catalog.Register(CronTabSchema.Kind());

        var strict = await _api.SendAsync("POST", Collection + "?fieldValidation=Strict", CronTab("s", """{"cronSpec":"0 3 * * *","colour":"red"}"""));
        Assert.Equal(400, strict.Code);
        Assert.Contains("unknown field \"spec.colour\"", (string?)strict.Body!["message"]);

        var pruned = await _api.SendAsync("POST", Collection + "?fieldValidation=Ignore", CronTab("p", """{"cronSpec":"0 3 * * *","colour":"red"}"""));
        Assert.Equal(201, pruned.Code);
        Assert.Null(pruned.Body!["spec"]!["colour"]);
    }

    [Fact]
    public async Task The_status_subresource_owns_status_and_only_spec_changes_bump_the_generation()
    {
        _catalog.Register(CronTabSchema.Kind());
        var created = (await _api.SendAsync("POST", Collection, CronTab("c", """{"cronSpec":"0 3 * * *"}""").Replace("}}", "},\"status\":{\"replicas\":9}}"))).Body!;
        Assert.Null(created["status"]); // status is not written on create

        var status = created.DeepClone();
        status["status"] = new JsonObject { ["replicas"] = 2, ["phase"] = "Running" };
        status["spec"]!["image"] = "ignored";
        var afterStatus = (await _api.SendAsync("PUT", Collection + "/c/status", status.ToJsonString())).Body!;
        Assert.Equal(2, (int)afterStatus["status"]!["replicas"]!);
        Assert.Null(afterStatus["spec"]!["image"]);
        Assert.Equal(1, (long)afterStatus["metadata"]!["generation"]!);

        var update = afterStatus.DeepClone();
        update["spec"]!["image"] = "new";
        update["status"] = new JsonObject { ["replicas"] = 100 };
        var afterUpdate = (await _api.SendAsync("PUT", Collection + "/c", update.ToJsonString())).Body!;
        Assert.Equal("new", (string?)afterUpdate["spec"]!["image"]);
        Assert.Equal(2, (int)afterUpdate["status"]!["replicas"]!); // a main-resource update keeps status
        Assert.Equal(2, (long)afterUpdate["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Without_a_status_subresource_status_is_ordinary_content()
    {
        _catalog.Register(CronTabSchema.Kind(status: false));
        var created = (await _api.SendAsync("POST", Collection, """{"metadata":{"name":"c"},"spec":{"cronSpec":"0 3 * * *"},"status":{"phase":"New"}}""")).Body!;
        Assert.Equal("New", (string?)created["status"]!["phase"]);
        Assert.Equal(404, (await _api.SendAsync("PUT", Collection + "/c/status", created.ToJsonString())).Code);
    }

    [Fact]
    public async Task Strategic_merge_patch_is_415_while_merge_and_json_patches_apply()
    {
        _catalog.Register(CronTabSchema.Kind());
        await _api.SendAsync("POST", Collection, CronTab("c", """{"cronSpec":"0 3 * * *"}"""));

        var strategic = await _api.SendAsync("PATCH", Collection + "/c", """{"spec":{"image":"x"}}""", "application/strategic-merge-patch+json");
        Assert.Equal(415, strategic.Code);
        Assert.Contains("application/merge-patch+json", (string?)strategic.Body!["message"]);

        var merged = await _api.SendAsync("PATCH", Collection + "/c", """{"spec":{"image":"x"}}""", "application/merge-patch+json");
        Assert.Equal(200, merged.Code);
        Assert.Equal("x", (string?)merged.Body!["spec"]!["image"]);

        var patched = await _api.SendAsync("PATCH", Collection + "/c", """[{"op":"replace","path":"/spec/replicas","value":3}]""", "application/json-patch+json");
        Assert.Equal(3, (int)patched.Body!["spec"]!["replicas"]!);

        var invalid = await _api.SendAsync("PATCH", Collection + "/c", """[{"op":"replace","path":"/spec/replicas","value":30}]""", "application/json-patch+json");
        Assert.Equal(422, invalid.Code);
        Assert.Equal(3, (int)(await _api.SendAsync("GET", Collection + "/c")).Body!["spec"]!["replicas"]!);
    }

    [Fact]
    public async Task Table_output_has_the_printer_columns_and_no_age_column()
    {
        _catalog.Register(CronTabSchema.Kind());
        await _api.SendAsync("POST", Collection, CronTab("c", """{"cronSpec":"0 3 * * *","replicas":4}"""));

        var table = (await _api.SendAsync("GET", Collection, accept: "application/json;as=Table;v=v1;g=meta.k8s.io")).Body!;

        Assert.Equal(["Name", "Spec", "Replicas"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.Equal("""["c","0 3 * * *",4]""", table["rows"]![0]!["cells"]!.ToJsonString());
    }

    [Fact]
    public async Task Without_printer_columns_the_table_has_name_and_age()
    {
        _catalog.Register(CronTabSchema.Kind(columns: []));
        await _api.SendAsync("POST", Collection, CronTab("c", """{"cronSpec":"0 3 * * *"}"""));

        var table = (await _api.SendAsync("GET", Collection, accept: "application/json;as=Table;v=v1;g=meta.k8s.io")).Body!;

        Assert.Equal(["Name", "Age"], table["columnDefinitions"]!.AsArray().Select(c => (string?)c!["name"]));
    }

    [Fact]
    public async Task Every_served_version_reads_the_same_objects_under_its_own_apiVersion()
    {
        _catalog.Register(CronTabSchema.Kind("v1"), CronTabSchema.Kind("v1beta1"));
        await _api.SendAsync("POST", Collection, CronTab("c", """{"cronSpec":"0 3 * * *"}"""));

        var beta = "/apis/stable.example.com/v1beta1/namespaces/default/crontabs";
        var item = (await _api.SendAsync("GET", beta + "/c")).Body!;
        Assert.Equal("stable.example.com/v1beta1", (string?)item["apiVersion"]);
        var list = (await _api.SendAsync("GET", beta)).Body!;
        Assert.Equal("stable.example.com/v1beta1", (string?)list["apiVersion"]);
        Assert.Equal("stable.example.com/v1beta1", (string?)list["items"]![0]!["apiVersion"]);

        var updated = (await _api.SendAsync("PATCH", beta + "/c", """{"spec":{"image":"b"}}""", "application/merge-patch+json")).Body!;
        Assert.Equal("stable.example.com/v1beta1", (string?)updated["apiVersion"]);
        var v1 = (await _api.SendAsync("GET", Collection + "/c")).Body!;
        Assert.Equal("stable.example.com/v1", (string?)v1["apiVersion"]);
        Assert.Equal("b", (string?)v1["spec"]!["image"]);
    }
}
