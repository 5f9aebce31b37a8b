using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Requests;

namespace Tke.Audit.Tests;

/// <summary>A clock tests move by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A fresh audit database in a temporary directory, deleted afterwards.</summary>
internal sealed class TempAuditLog : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tke-audit-").FullName;

    public TempAuditLog(SqliteAuditLogOptions? options = null)
    {
        Path = System.IO.Path.Combine(_dir, "store", "audit.db");
        Log = new SqliteAuditLog(Path, options ?? new SqliteAuditLogOptions { MaxAge = null, MaxRecords = null });
    }

    public string Path { get; }

    public SqliteAuditLog Log { get; }

    public void Dispose()
    {
        Log.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}

internal static class Records
{
    public static readonly DateTimeOffset Epoch = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static AuditRecord Make(
        string user = "alice",
        string tenant = "default",
        string verb = "create",
        string group = "platform.tkestack.io",
        string resource = "clusters",
        string? ns = null,
        string name = "cls-1",
        int code = 201,
        DateTimeOffset? at = null,
        string decision = "allow")
    {
        var time = at ?? Epoch;
        return new AuditRecord
        {
            AuditId = Guid.NewGuid().ToString(),
            RequestUri = "/apis/" + group + "/v1/" + resource,
            Verb = verb,
            User = new AuditUser
            {
                Username = user,
                Groups = ["system:authenticated"],
                Extra = tenant.Length == 0 ? null : new Dictionary<string, IReadOnlyList<string>> { [AuditRecord.TenantExtraKey] = [tenant] },
            },
            SourceIps = ["10.0.0.1"],
            ObjectRef = new AuditObjectRef { ApiGroup = group, ApiVersion = "v1", Resource = resource, Namespace = ns, Name = name },
            ResponseStatus = new AuditResponseStatus { Code = code },
            RequestReceivedTimestamp = time,
            StageTimestamp = time.AddMilliseconds(5),
            Annotations = new Dictionary<string, string> { [AuditRecord.DecisionAnnotation] = decision },
        };
    }

    public static RequestUser Admin { get; } = new("admin", [RequestUser.AllTenantsGroup], "default");

    public static RequestUser TenantUser(string tenant) => new("bob", ["system:authenticated"], tenant);

    public static DefaultHttpContext Get(string queryString)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = AuditListEndpoint.Path;
        context.Request.QueryString = new QueryString(queryString.Length == 0 ? "" : "?" + queryString);
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static JsonObject Body(HttpContext context)
    {
        var text = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        return JsonNode.Parse(text)!.AsObject();
    }

    public static DefaultHttpContext Request(string method, string path, string? userAgent = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:192.168.1.20");
        if (userAgent is not null)
        {
            context.Request.Headers.UserAgent = userAgent;
        }

        return context;
    }

    public static ApiRequest Parse(HttpContext context) => ApiRequest.Parse(context.Request.Path);
}
