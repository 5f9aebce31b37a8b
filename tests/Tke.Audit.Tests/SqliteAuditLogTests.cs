using Tke.ApiMachinery.Errors;

namespace Tke.Audit.Tests;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly TempAuditLog _db = new();

    public void Dispose() => _db.Dispose();

    private SqliteAuditLog Log => _db.Log;

    private void SeedVariety()
    {
        Log.WriteBatch(
        [
            Records.Make(user: "alice", tenant: "t1", verb: "create", resource: "clusters", name: "cls-a", code: 201, at: Records.Epoch),
            Records.Make(user: "bob", tenant: "t2", verb: "delete", resource: "clusters", name: "cls-b", code: 200, at: Records.Epoch.AddMinutes(1)),
            Records.Make(user: "carol", tenant: "t1", verb: "update", group: "business.tkestack.io", resource: "projects", name: "prj-1", code: 409, at: Records.Epoch.AddMinutes(2)),
            Records.Make(user: "alice", tenant: "t1", verb: "patch", group: "", resource: "configmaps", ns: "kube-public", name: "cm", code: 403, at: Records.Epoch.AddMinutes(3)),
            Records.Make(user: "dave", tenant: "t3", verb: "create", group: "auth.tkestack.io", resource: "users", name: "u1", code: 401, at: Records.Epoch.AddMinutes(4)),
        ]);
    }

    private string[] Names(AuditQuery query) => Log.Query(query).Records().Select(r => r.ObjectRef!.Name!).ToArray();

    [Fact]
    public void Stored_records_come_back_newest_first_as_written()
    {
        SeedVariety();
        var page = Log.Query(new AuditQuery());
        Assert.Null(page.Continue);
        var records = page.Records();
        Assert.Equal(["u1", "cm", "prj-1", "cls-b", "cls-a"], records.Select(r => r.ObjectRef!.Name));
        var first = records[^1];
        Assert.Equal("alice", first.User.Username);
        Assert.Equal("t1", first.TenantId);
        Assert.Equal(201, first.Code);
        Assert.Equal(Records.Epoch, first.RequestReceivedTimestamp);
        Assert.Equal(["10.0.0.1"], first.SourceIps!);
    }

    public static TheoryData<string, AuditQuery, string[]> Filters => new()
    {
        { "user", new AuditQuery { User = "alice" }, ["cm", "cls-a"] },
        { "tenant", new AuditQuery { Tenant = "t1" }, ["cm", "prj-1", "cls-a"] },
        { "verb", new AuditQuery { Verb = "create" }, ["u1", "cls-a"] },
        { "resource", new AuditQuery { Resource = "clusters" }, ["cls-b", "cls-a"] },
        { "group+resource", new AuditQuery { ApiGroup = "business.tkestack.io", Resource = "projects" }, ["prj-1"] },
        { "core group", new AuditQuery { ApiGroup = "" }, ["cm"] },
        { "namespace", new AuditQuery { Namespace = "kube-public" }, ["cm"] },
        { "name", new AuditQuery { Name = "cls-b" }, ["cls-b"] },
        { "code", new AuditQuery { Code = 403 }, ["cm"] },
        { "success", new AuditQuery { Result = AuditResult.Success }, ["cls-b", "cls-a"] },
        { "failure", new AuditQuery { Result = AuditResult.Failure }, ["u1", "cm", "prj-1"] },
        { "from", new AuditQuery { From = Records.Epoch.AddMinutes(3) }, ["u1", "cm"] },
        { "to", new AuditQuery { To = Records.Epoch.AddMinutes(1) }, ["cls-a"] },
        { "range", new AuditQuery { From = Records.Epoch.AddMinutes(1), To = Records.Epoch.AddMinutes(3) }, ["prj-1", "cls-b"] },
        { "combined", new AuditQuery { User = "alice", Tenant = "t1", Result = AuditResult.Failure }, ["cm"] },
        { "no match", new AuditQuery { User = "alice", Verb = "delete" }, [] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public void Each_filter_selects_its_records(string what, AuditQuery query, string[] expected)
    {
        SeedVariety();
        Assert.True(expected.SequenceEqual(Names(query)), what);
    }

    [Fact]
    public void Paging_with_continue_neither_repeats_nor_skips_while_records_arrive()
    {
        Log.WriteBatch(Enumerable.Range(0, 25).Select(i => Records.Make(name: $"old-{i:D2}", at: Records.Epoch.AddSeconds(i))).ToArray());

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = Log.Query(new AuditQuery { Limit = 10, Continue = token });
            seen.AddRange(page.Records().Select(r => r.ObjectRef!.Name!));
            token = page.Continue;
            pages++;

            // New records keep arriving between pages, including ones with older timestamps.
            Log.WriteBatch([Records.Make(name: $"new-{pages}", at: Records.Epoch.AddSeconds(-pages))]);
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 25).Reverse().Select(i => $"old-{i:D2}"), seen);
    }

    [Fact]
    public void Paging_keeps_the_filter_and_ends_exactly_at_the_last_record()
    {
        Log.WriteBatch(Enumerable.Range(0, 20).Select(i => Records.Make(user: i % 2 == 0 ? "even" : "odd", name: $"n{i:D2}")).ToArray());
        var first = Log.Query(new AuditQuery { User = "even", Limit = 5 });
        Assert.NotNull(first.Continue);
        var second = Log.Query(new AuditQuery { User = "even", Limit = 5, Continue = first.Continue });
        Assert.Null(second.Continue);
        Assert.Equal(
            Enumerable.Range(0, 10).Reverse().Select(i => $"n{i * 2:D2}"),
            first.Records().Concat(second.Records()).Select(r => r.ObjectRef!.Name));
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("eyJ2IjoiYXVkaXQvdjEifQ")] // {"v":"audit/v1"}: no sequence
    [InlineData("e30")] // {}
    public void A_bad_continue_token_is_a_bad_request(string token)
    {
        var error = Assert.Throws<StatusError>(() => Log.Query(new AuditQuery { Continue = token }));
        Assert.Equal(400, error.Code);
    }

    [Theory]
    [InlineData("x' OR '1'='1")]
    [InlineData("'; DROP TABLE audit_events; --")]
    [InlineData("\" OR 1=1 --")]
    [InlineData("%")]
    [InlineData("alice' --")]
    public void Sql_in_filter_values_is_matched_literally(string hostile)
    {
        SeedVariety();
        Log.WriteBatch([Records.Make(user: hostile, tenant: hostile, name: hostile, ns: hostile)]);

        foreach (var query in new[]
        {
            new AuditQuery { User = hostile },
            new AuditQuery { Tenant = hostile },
            new AuditQuery { Name = hostile },
            new AuditQuery { Namespace = hostile },
            new AuditQuery { Verb = hostile, Resource = hostile, ApiGroup = hostile },
        })
        {
            var records = Log.Query(query).Records();
            Assert.True(records.Count <= 1);
            Assert.All(records, r => Assert.Equal(hostile, r.User.Username));
        }

        Assert.Equal(6, Log.Count());
    }

    [Fact]
    public void Retention_deletes_records_older_than_the_maximum_age()
    {
        var clock = new ManualClock(Records.Epoch);
        using var db = new TempAuditLog(new SqliteAuditLogOptions { MaxAge = TimeSpan.FromDays(7), MaxRecords = null, Clock = clock, PruneInterval = TimeSpan.FromDays(365) });
        db.Log.WriteBatch(
        [
            Records.Make(name: "ancient", at: Records.Epoch),
            Records.Make(name: "edge", at: Records.Epoch.AddDays(3).AddMinutes(1)),
            Records.Make(name: "fresh", at: Records.Epoch.AddDays(9)),
        ]);

        Assert.Equal(3, db.Log.Count());
        clock.Now = Records.Epoch.AddDays(10);
        Assert.Equal(1, db.Log.Prune());
        Assert.Equal(["fresh", "edge"], db.Log.Query(new AuditQuery()).Records().Select(r => r.ObjectRef!.Name!));
    }

    [Fact]
    public void Retention_keeps_only_the_newest_records_beyond_the_row_cap()
    {
        var clock = new ManualClock(Records.Epoch);
        using var db = new TempAuditLog(new SqliteAuditLogOptions { MaxAge = null, MaxRecords = 10, Clock = clock, PruneInterval = TimeSpan.FromMinutes(10) });
        db.Log.WriteBatch(Enumerable.Range(0, 15).Select(i => Records.Make(name: $"r{i:D2}")).ToArray());
        Assert.Equal(10, db.Log.Count());

        db.Log.WriteBatch(Enumerable.Range(15, 5).Select(i => Records.Make(name: $"r{i:D2}")).ToArray());
        Assert.Equal(15, db.Log.Count()); // within the prune interval nothing is deleted

        clock.Now += TimeSpan.FromMinutes(11);
        db.Log.WriteBatch([Records.Make(name: "r20")]);
        Assert.Equal(Enumerable.Range(11, 10).Reverse().Select(i => $"r{i:D2}"), db.Log.Query(new AuditQuery()).Records().Select(r => r.ObjectRef!.Name));
    }

    [Fact]
    public void The_database_survives_reopening()
    {
        Log.WriteBatch([Records.Make(name: "kept")]);
        Log.Dispose();
        using var reopened = new SqliteAuditLog(_db.Path, new SqliteAuditLogOptions { MaxAge = null, MaxRecords = null });
        Assert.Equal(["kept"], reopened.Query(new AuditQuery()).Records().Select(r => r.ObjectRef!.Name!));
        reopened.WriteBatch([Records.Make(name: "more")]);
        Assert.Equal(2, reopened.Count());
    }
}
