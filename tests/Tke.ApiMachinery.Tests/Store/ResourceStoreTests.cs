using System.Text.Json.Nodes;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Selectors;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Tests.Store;

public sealed class ResourceStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();

    public Task DisposeAsync() => _f.DisposeAsync();

    private static Widget W(StoredItem item) => (Widget)item.Object;

    private static T Throws<T>(Func<Task> action)
        where T : Exception => Assert.ThrowsAsync<T>(action).GetAwaiter().GetResult();

    [Fact]
    public async Task Create_sets_system_fields_and_defaults()
    {
        var item = await _f.Widgets.CreateAsync(null, StoreFixture.Widget("a"), StoreFixture.Write(), default);
        var w = W(item);
        Assert.Equal("a", w.Metadata.Name);
        Assert.True(Guid.TryParse(w.Metadata.Uid, out _));
        Assert.Equal(1, w.Metadata.Generation);
        Assert.NotNull(w.Metadata.CreationTimestamp);
        Assert.Equal(item.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), w.Metadata.ResourceVersion);
        Assert.Equal("red", w.Spec.Color);
        Assert.Contains("\"resourceVersion\":\"" + item.Revision + "\"", System.Text.Encoding.UTF8.GetString(item.Json));
    }

    [Fact]
    public async Task GenerateName_and_the_kind_prefix_make_unique_names()
    {
        var generated = W(await _f.Widgets.CreateAsync(null, StoreFixture.Widget(null, generateName: "x-"), StoreFixture.Write(), default));
        Assert.Matches("^x-[bcdfghjklmnpqrstvwxz2456789]{5}$", generated.Metadata.Name!);

        var prefixed = W(await _f.Widgets.CreateAsync(null, StoreFixture.Widget(null), StoreFixture.Write(), default));
        Assert.Matches("^wd-[bcdfghjklmnpqrstvwxz2456789]{8}$", prefixed.Metadata.Name!);
    }

    [Fact]
    public async Task Create_rejects_bad_input_and_stores_nothing()
    {
        await _f.Widgets.CreateAsync(null, StoreFixture.Widget("taken"), StoreFixture.Write(), default);
        var revision = _f.Kv.CurrentRevision;

        Assert.Equal(409, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, StoreFixture.Widget("taken"), StoreFixture.Write(), default).AsTask())).Code);

        var badName = await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, StoreFixture.Widget("Bad_Name"), StoreFixture.Write(), default).AsTask());
        Assert.Equal(422, badName.Code);
        Assert.Contains(badName.Details!.Causes!, c => c.Field == "metadata.name");

        var tooLong = await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, StoreFixture.Widget(new string('a', 254)), StoreFixture.Write(), default).AsTask());
        Assert.Equal(422, tooLong.Code);

        var outOfRange = await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, StoreFixture.Widget("big", size: 101), StoreFixture.Write(), default).AsTask());
        Assert.Equal(422, outOfRange.Code);
        Assert.Contains(outOfRange.Details!.Causes!, c => c.Field == "spec.size");

        var kindRule = await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, StoreFixture.Widget("unlucky", size: 13), StoreFixture.Write(), default).AsTask());
        Assert.Equal(422, kindRule.Code);
        Assert.Contains("unlucky", kindRule.Message);

        var unknown = StoreFixture.Widget("unknown");
        unknown["spec"]!["foo"] = 1;
        var strict = await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, unknown.DeepClone(), StoreFixture.Write(), default).AsTask());
        Assert.Equal(400, strict.Code);
        Assert.Contains("unknown field \"spec.foo\"", strict.Message);

        var wrongKind = StoreFixture.Widget("wrong-kind");
        wrongKind["kind"] = "Gizmo";
        Assert.Equal(400, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, wrongKind, StoreFixture.Write(), default).AsTask())).Code);

        var wrongVersion = StoreFixture.Widget("wrong-version");
        wrongVersion["apiVersion"] = "test.tkestack.io/v2";
        Assert.Equal(400, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.CreateAsync(null, wrongVersion, StoreFixture.Write(), default).AsTask())).Code);

        Assert.Equal(revision, _f.Kv.CurrentRevision);

        // Warn prunes the unknown field, stores the object and reports a warning.
        var warn = StoreFixture.Write(FieldValidationMode.Warn);
        var stored = await _f.Widgets.CreateAsync(null, unknown, warn, default);
        Assert.Contains(warn.Warnings, w => w.Contains("spec.foo", StringComparison.Ordinal));
        Assert.DoesNotContain("foo", System.Text.Encoding.UTF8.GetString(stored.Json));
    }

    [Fact]
    public async Task Update_enforces_optimistic_concurrency_and_generation()
    {
        var created = W(await _f.Widgets.CreateAsync(null, StoreFixture.Widget("u"), StoreFixture.Write(), default));

        var stale = StoreFixture.Widget("u", size: 5);
        stale["metadata"]!["resourceVersion"] = (long.Parse(created.Metadata.ResourceVersion!, System.Globalization.CultureInfo.InvariantCulture) + 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var conflict = await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.UpdateAsync(null, "u", stale, null, StoreFixture.Write(), default).AsTask());
        Assert.Equal(409, conflict.Code);
        Assert.Equal("Conflict", conflict.Reason);

        var noVersion = StoreFixture.Widget("u", size: 5);
        Assert.Equal(422, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.UpdateAsync(null, "u", noVersion, null, StoreFixture.Write(), default).AsTask())).Code);

        var labelsOnly = StoreFixture.Widget("u");
        labelsOnly["metadata"]!["resourceVersion"] = created.Metadata.ResourceVersion;
        labelsOnly["metadata"]!["labels"] = new JsonObject { ["a"] = "b" };
        var relabelled = W(await _f.Widgets.UpdateAsync(null, "u", labelsOnly, null, StoreFixture.Write(), default));
        Assert.Equal(1, relabelled.Metadata.Generation);
        Assert.Equal(created.Metadata.Uid, relabelled.Metadata.Uid);

        var spec = StoreFixture.Widget("u", size: 7);
        spec["metadata"]!["resourceVersion"] = relabelled.Metadata.ResourceVersion;
        spec["status"] = new JsonObject { ["phase"] = "Hacked" };
        var respecced = W(await _f.Widgets.UpdateAsync(null, "u", spec, null, StoreFixture.Write(), default));
        Assert.Equal(2, respecced.Metadata.Generation);
        Assert.Null(respecced.Metadata.Labels); // a PUT replaces metadata labels too
        Assert.Null(respecced.Status); // status only changes through the status subresource

        // A no-op update keeps the resourceVersion.
        var same = StoreFixture.Widget("u", size: 7);
        same["metadata"]!["resourceVersion"] = respecced.Metadata.ResourceVersion;
        same["spec"]!["color"] = "red";
        var unchanged = W(await _f.Widgets.UpdateAsync(null, "u", same, null, StoreFixture.Write(), default));
        Assert.Equal(respecced.Metadata.ResourceVersion, unchanged.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Status_subresource_changes_only_status()
    {
        var created = W(await _f.Widgets.CreateAsync(null, StoreFixture.Widget("s", size: 3), StoreFixture.Write(), default));
        var body = StoreFixture.Widget("s", size: 99);
        body["metadata"]!["resourceVersion"] = created.Metadata.ResourceVersion;
        body["metadata"]!["labels"] = new JsonObject { ["sneaky"] = "yes" };
        body["status"] = new JsonObject { ["phase"] = "Running" };
        var updated = W(await _f.Widgets.UpdateAsync(null, "s", body, "status", StoreFixture.Write(), default));
        Assert.Equal("Running", updated.Status!.Phase);
        Assert.Equal(3, updated.Spec.Size);
        Assert.Null(updated.Metadata.Labels);
        Assert.Equal(1, updated.Metadata.Generation);
    }

    [Fact]
    public async Task Patches_of_all_three_kinds_apply()
    {
        var created = W(await _f.Widgets.CreateAsync(null, StoreFixture.Widget("p"), StoreFixture.Write(), default));
        var merged = W(await _f.Widgets.PatchAsync(null, "p", PatchKind.Merge, JsonNode.Parse("""{"spec":{"size":4},"metadata":{"labels":{"l":"1"}}}""")!, null, StoreFixture.Write(), default));
        Assert.Equal(4, merged.Spec.Size);
        Assert.Equal("1", merged.Metadata.Labels!["l"]);

        var json = W(await _f.Widgets.PatchAsync(null, "p", PatchKind.Json, JsonNode.Parse("""[{"op":"replace","path":"/spec/size","value":6}]""")!, null, StoreFixture.Write(), default));
        Assert.Equal(6, json.Spec.Size);

        await _f.Widgets.PatchAsync(null, "p", PatchKind.StrategicMerge, JsonNode.Parse("""{"spec":{"parts":[{"name":"a","count":1},{"name":"b","count":2}]}}""")!, null, StoreFixture.Write(), default);
        var strategic = W(await _f.Widgets.PatchAsync(null, "p", PatchKind.StrategicMerge, JsonNode.Parse("""{"spec":{"parts":[{"name":"b","count":5}]}}""")!, null, StoreFixture.Write(), default));
        Assert.Equal([("a", 1), ("b", 5)], strategic.Spec.Parts!.Select(p => (p.Name, p.Count)));

        var stale = new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = created.Metadata.ResourceVersion }, ["spec"] = new JsonObject { ["size"] = 9 } };
        Assert.Equal(409, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.PatchAsync(null, "p", PatchKind.Merge, stale, null, StoreFixture.Write(), default).AsTask())).Code);

        var invalid = JsonNode.Parse("""{"spec":{"color":"green"}}""")!;
        Assert.Equal(422, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.PatchAsync(null, "p", PatchKind.Merge, invalid, null, StoreFixture.Write(), default).AsTask())).Code);
        Assert.Equal(6, W(await _f.Widgets.GetAsync(null, "p", default)).Spec.Size);
    }

    [Fact]
    public async Task Finalizers_hold_a_delete_until_they_are_removed()
    {
        var body = StoreFixture.Widget("f");
        body["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        await _f.Widgets.CreateAsync(null, body, StoreFixture.Write(), default);

        var marked = W(await _f.Widgets.DeleteAsync(null, "f", new DeleteRequest(null, null, null), StoreFixture.Write(), default));
        Assert.NotNull(marked.Metadata.DeletionTimestamp);
        Assert.NotNull(W(await _f.Widgets.GetAsync(null, "f", default)).Metadata.DeletionTimestamp);

        await _f.Widgets.PatchAsync(null, "f", PatchKind.Json, JsonNode.Parse("""[{"op":"remove","path":"/metadata/finalizers"}]""")!, null, StoreFixture.Write(), default);
        Assert.Equal(404, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.GetAsync(null, "f", default).AsTask())).Code);
    }

    [Fact]
    public async Task Dry_run_changes_nothing()
    {
        var revision = _f.Kv.CurrentRevision;
        var dry = W(await _f.Widgets.CreateAsync(null, StoreFixture.Widget("dry"), StoreFixture.Write(dryRun: true), default));
        Assert.Equal("dry", dry.Metadata.Name);
        Assert.Equal(revision, _f.Kv.CurrentRevision);
        Assert.Equal(404, (await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.GetAsync(null, "dry", default).AsTask())).Code);

        await _f.Widgets.CreateAsync(null, StoreFixture.Widget("kept"), StoreFixture.Write(), default);
        await _f.Widgets.DeleteAsync(null, "kept", new DeleteRequest(null, null, null), StoreFixture.Write(dryRun: true), default);
        Assert.Equal("kept", W(await _f.Widgets.GetAsync(null, "kept", default)).Metadata.Name);
    }

    [Fact]
    public async Task Paged_lists_read_one_snapshot_and_selectors_fill_pages()
    {
        for (var i = 0; i < 10; i++)
        {
            var body = StoreFixture.Widget($"w{i:D2}", size: i);
            body["metadata"]!["labels"] = new JsonObject { ["parity"] = i % 2 == 0 ? "even" : "odd" };
            await _f.Widgets.CreateAsync(null, body, StoreFixture.Write(), default);
        }

        var first = await _f.Widgets.ListAsync(null, new ListQuery { Limit = 4 }, default);
        Assert.Equal(4, first.Items.Count);
        Assert.NotNull(first.Continue);

        // Writes after the first page do not show in later pages.
        await _f.Widgets.CreateAsync(null, StoreFixture.Widget("w05a"), StoreFixture.Write(), default);
        await _f.Widgets.DeleteAsync(null, "w09", new DeleteRequest(null, null, null), StoreFixture.Write(), default);

        var names = first.Items.Select(i => i.Object.Metadata.Name).ToList();
        var token = first.Continue;
        while (token is not null)
        {
            var page = await _f.Widgets.ListAsync(null, new ListQuery { Limit = 4, Continue = token }, default);
            Assert.Equal(first.Revision, page.Revision);
            names.AddRange(page.Items.Select(i => i.Object.Metadata.Name));
            token = page.Continue;
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"w{i:D2}"), names);

        var odd = await _f.Widgets.ListAsync(null, new ListQuery { Labels = LabelSelector.Parse("parity=odd"), Limit = 3 }, default);
        Assert.Equal(["w01", "w03", "w05"], odd.Items.Select(i => i.Object.Metadata.Name));
        Assert.NotNull(odd.Continue);

        var byField = await _f.Widgets.ListAsync(null, new ListQuery { Fields = FieldSelector.Parse("metadata.name=w03") }, default);
        Assert.Equal(["w03"], byField.Items.Select(i => i.Object.Metadata.Name));

        Assert.Equal(400, Throws<StatusError>(() => Task.Run(() => _f.Widgets.CheckFieldSelector(FieldSelector.Parse("spec.nope=1")))).Code);
    }

    [Fact]
    public async Task Continue_tokens_expire_with_compaction()
    {
        for (var i = 0; i < 5; i++)
        {
            await _f.Widgets.CreateAsync(null, StoreFixture.Widget($"c{i}"), StoreFixture.Write(), default);
        }

        var first = await _f.Widgets.ListAsync(null, new ListQuery { Limit = 2 }, default);
        await _f.Widgets.CreateAsync(null, StoreFixture.Widget("c9"), StoreFixture.Write(), default);
        await _f.Kv.CompactAsync(_f.Kv.CurrentRevision);
        var gone = await Assert.ThrowsAsync<StatusError>(() => _f.Widgets.ListAsync(null, new ListQuery { Limit = 2, Continue = first.Continue }, default).AsTask());
        Assert.Equal(410, gone.Code);
    }

    [Fact]
    public async Task Namespaced_kinds_are_isolated_by_namespace()
    {
        await _f.Gadgets.CreateAsync("ns1", StoreFixture.Widget("g"), StoreFixture.Write(), default);
        await _f.Gadgets.CreateAsync("ns2", StoreFixture.Widget("g"), StoreFixture.Write(), default);
        var mismatch = StoreFixture.Widget("h");
        mismatch["metadata"]!["namespace"] = "other";
        Assert.Equal(400, (await Assert.ThrowsAsync<StatusError>(() => _f.Gadgets.CreateAsync("ns1", mismatch, StoreFixture.Write(), default).AsTask())).Code);

        Assert.Single((await _f.Gadgets.ListAsync("ns1", new ListQuery(), default)).Items);
        Assert.Equal(2, (await _f.Gadgets.ListAsync(null, new ListQuery(), default)).Items.Count);
        Assert.Equal("ns2", (await _f.Gadgets.GetAsync("ns2", "g", default)).Object.Metadata.Namespace);
    }

    [Fact]
    public async Task Watch_reports_selector_transitions_as_added_and_deleted()
    {
        var start = _f.Kv.CurrentRevision;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var query = new ListQuery { Labels = LabelSelector.Parse("tier=gold") };
        var events = new List<(ResourceEventType, string?)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var e in _f.Widgets.WatchAsync(null, query, start, new WatchProgress(), cts.Token))
            {
                events.Add((e.Type, e.Item.Object.Metadata.Name));
                if (events.Count == 4)
                {
                    break;
                }
            }
        });

        var gold = StoreFixture.Widget("gold");
        gold["metadata"]!["labels"] = new JsonObject { ["tier"] = "gold" };
        await _f.Widgets.CreateAsync(null, gold, StoreFixture.Write(), default);
        await _f.Widgets.CreateAsync(null, StoreFixture.Widget("plain"), StoreFixture.Write(), default);
        await _f.Widgets.PatchAsync(null, "gold", PatchKind.Merge, JsonNode.Parse("""{"spec":{"size":2}}""")!, null, StoreFixture.Write(), default);
        await _f.Widgets.PatchAsync(null, "gold", PatchKind.Merge, JsonNode.Parse("""{"metadata":{"labels":{"tier":"silver"}}}""")!, null, StoreFixture.Write(), default);
        await _f.Widgets.PatchAsync(null, "plain", PatchKind.Merge, JsonNode.Parse("""{"metadata":{"labels":{"tier":"gold"}}}""")!, null, StoreFixture.Write(), default);
        await watching.WaitAsync(cts.Token);

        Assert.Equal(
            [(ResourceEventType.Added, "gold"), (ResourceEventType.Modified, "gold"), (ResourceEventType.Deleted, "gold"), (ResourceEventType.Added, "plain")],
            events);
    }
}
