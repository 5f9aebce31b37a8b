using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.OpenApi;
using Tke.ApiMachinery.Requests;
using Tke.ApiMachinery.Secrets;
using Tke.ApiServer.Authentication;
using Tke.ApiServer.Components;
using Tke.Audit;
using Tke.ApiServer.Health;
using Tke.ApiServer.Observability;
using Tke.ApiServer.Security;
using Tke.Storage;
using Tke.Storage.Sqlite;

namespace Tke.ApiServer.Hosting;

/// <summary>
/// `tke serve`: opens the store, prepares the PKI and admin kubeconfig, and serves the API
/// over HTTPS (HTTP/1.1 and HTTP/2) with authentication on everything but the health checks.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IKeyValueStore _store;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _compaction;
    private readonly QueuedAuditSink _audit;
    private readonly SqliteAuditLog _auditLog;

    private ApiServerHost(WebApplication app, IKeyValueStore store, Uri address, string kubeconfigPath, CancellationTokenSource stopping, Task compaction, QueuedAuditSink audit, SqliteAuditLog auditLog)
    {
        _audit = audit;
        _auditLog = auditLog;
        _stopping = stopping;
        _app = app;
        _store = store;
        Address = address;
        KubeconfigPath = kubeconfigPath;
        _compaction = compaction;
    }

    public Uri Address { get; }

    public string KubeconfigPath { get; }

    public static string Version { get; } = typeof(ApiServerHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<ApiServerHost> StartAsync(ApiServerOptions options, IEnumerable<IApiGroup> groups, IReadOnlyList<IServerComponent> components, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        var dataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(dataDir);
        File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var pki = Path.Combine(dataDir, "pki");
        var hostNames = new[] { "localhost", "127.0.0.1", "::1", Dns.GetHostName(), options.ListenHost }
            .Concat(options.ExtraSans)
            .Where(h => h is not ("0.0.0.0" or "::" or ""))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var certificates = options.TlsCertFile is not null && options.TlsKeyFile is not null
            ? CertificateAuthority.FromFiles(options.TlsCertFile, options.TlsKeyFile, null)
            : CertificateAuthority.LoadOrCreate(pki, hostNames, clock);
        var admin = AdminCredentials.LoadOrCreate(pki);

        Directory.CreateDirectory(Path.Combine(dataDir, "store"));
        var store = await SqliteKeyValueStore.OpenAsync(Path.Combine(dataDir, "store", "tke.db"), null, cancellationToken);

        var catalog = new KindCatalog(groups);
        var openApi = new OpenApiDocuments(catalog);

        // No configuration file reloads: they would put an inotify watch on the whole working tree.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = dataDir,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        ConnectionBufferPoolFactory.Register(builder.Services, TimeProvider.System);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            k.Limits.MaxRequestBodySize = null; // the API enforces its own 3 MiB limit with a Status body
            k.Listen(IPAddress.Parse(options.ListenHost == "localhost" ? "127.0.0.1" : options.ListenHost), options.ListenPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificates.ServingCertificate);
            });
        });

        var app = builder.Build();
        var context = new ServerContext(dataDir, store, catalog, clock, app.Services.GetRequiredService<ILoggerFactory>(), app.Lifetime.ApplicationStopping);
        var admissionPlugins = components.SelectMany(c => c.CreateAdmissionPlugins(context)).ToArray();
        var surface = new ApiSurface(catalog, store, new AdmissionChain(admissionPlugins), clock, new ApiSurfaceOptions
        {
            BookmarkInterval = options.BookmarkInterval,
            FieldCipher = FieldCipher.LoadOrCreate(Path.Combine(pki, "encryption.key")),
            Stopping = app.Lifetime.ApplicationStopping,
        });
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("tke.apiserver");
        var metrics = new MetricsRegistry();
        var requests = metrics.Counter("apiserver_request_total", "Requests by verb, resource and HTTP code.", "verb", "group", "resource", "code");
        var latency = metrics.Histogram("apiserver_request_duration_seconds", "Request latency (watches excluded).", [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], "verb", "group", "resource");
        long inflight = 0;
        metrics.Gauge("apiserver_current_inflight_requests", "Requests being served, watches included.", () => Volatile.Read(ref inflight));
        metrics.Gauge("tke_storage_revision", "The latest storage revision.", () => store.CurrentRevision);
        metrics.Gauge("tke_storage_compacted_revision", "Storage history is compacted up to this revision.", () => store.CompactedRevision);
        metrics.Gauge("process_resident_memory_bytes", "Resident memory size in bytes.", () => Environment.WorkingSet);

        var auditLog = new SqliteAuditLog(Path.Combine(dataDir, "store", "audit.db"));
        var audit = new QueuedAuditSink(auditLog, logger: app.Services.GetRequiredService<ILogger<QueuedAuditSink>>());
        var auditEvents = new AuditListEndpoint(auditLog);
        metrics.Gauge("apiserver_audit_event_total", "Audit records written.", () => audit.Written);
        metrics.Gauge("apiserver_audit_error_total", "Audit records dropped because the queue was full or a write failed.", () => audit.Dropped + audit.Failed);

        var health = new HealthEndpoints(store);
        var bootstrap = new BootstrapTokenAuthenticator(admin.Token);
        var wiring = new ServerWiring(new AuthenticatorChain([bootstrap]));
        var versionJson = System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["major"] = Version.Split('.')[0],
            ["minor"] = Version.Split('.').ElementAtOrDefault(1) ?? "0",
            ["gitVersion"] = "v" + Version,
            ["platform"] = options.PlatformLabel ?? $"{(OperatingSystem.IsLinux() ? "linux" : "other")}/{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}",
            ["goVersion"] = "dotnet" + Environment.Version,
            ["compiler"] = "dotnet",
        }.ToJsonString());

        app.Run(async context =>
        {
            var started = Stopwatch.GetTimestamp();
            var received = clock.GetUtcNow();
            Interlocked.Increment(ref inflight);
            var request = ApiRequest.Parse(StripModulePrefix(context));
            try
            {
                await ServeAsync(context, request);
            }
            catch (StatusError e)
            {
                await ResponseWriter.WriteStatusAsync(context, e);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // the client went away
            }
            catch (Exception e)
            {
                logger.LogError(e, "request {Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
                await ResponseWriter.WriteStatusAsync(context, StatusError.Internal(e.Message));
            }
            finally
            {
                Interlocked.Decrement(ref inflight);
                var status = context.Response.StatusCode;
                if (AuditRecordFactory.ShouldRecord(context.Request.Method, status))
                {
                    var caller = context.Features.Get<RequestUser>() ?? RequestUser.Anonymous;
                    audit.Record(AuditRecordFactory.From(context, request, caller, status, status == 403 ? AuditDecision.Forbid : AuditDecision.Allow, received));
                }

                var verb = Verb(context, request);
                requests.Inc(verb, request.Group, request.Resource, context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (verb != "WATCH")
                {
                    latency.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds, verb, request.Group, request.Resource);
                }
            }
        });

        await app.StartAsync(cancellationToken);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var publicHost = options.ListenHost is "0.0.0.0" or "::" ? "127.0.0.1" : options.ListenHost;
        var address = new Uri($"https://{(publicHost.Contains(':') ? $"[{publicHost}]" : publicHost)}:{bound.Port}");
        var kubeconfig = Path.Combine(dataDir, "admin.kubeconfig");
        admin.WriteKubeconfig(kubeconfig, address.ToString().TrimEnd('/'), certificates.CaPem);
        var wirings = await Task.WhenAll(components.Select(c => c.StartAsync(context, surface, address, cancellationToken)));
        if (wirings.Select(w => w.CredentialVerifier).OfType<ICredentialVerifier>().ToArray() is { Length: > 0 } verifiers)
        {
            context.Credentials.Bind(verifiers.Length == 1 ? verifiers[0] : throw new InvalidOperationException("more than one component provides a credential verifier"));
        }

        wiring.Complete(wirings, bootstrap);
        if (wirings.Select(w => w.Authorizer).OfType<IRequestAuthorizer>().ToArray() is { Length: > 0 } authorizers)
        {
            surface.Authorizer = authorizers.Length == 1 ? authorizers[0] : throw new InvalidOperationException("more than one component provides an authorizer");
        }

        var stopping = new CancellationTokenSource();
        var compaction = new CompactionLoop(store, options.CompactionInterval, clock, logger).RunAsync(stopping.Token);
        var host = new ApiServerHost(app, store, address, kubeconfig, stopping, compaction, audit, auditLog);
        health.Ready = true;
        logger.LogInformation("serving the TKEStack API on {Address} (data {DataDir}, kubeconfig {Kubeconfig}, {Kinds} kinds)", address, dataDir, kubeconfig, catalog.Kinds.Count());
        return host;

        async Task ServeAsync(HttpContext context, ApiRequest request)
        {
            if (await health.TryHandleAsync(context))
            {
                return;
            }

            var current = wiring;
            if (!current.Ready)
            {
                throw StatusError.ServiceUnavailable("the server is starting");
            }

            var path = context.Request.Path.Value ?? "/";
            if (current.PublicHandlerFor(context.Request) is { } publicHandler)
            {
                await publicHandler.Handle(context, RequestUser.Anonymous);
                return;
            }

            var user = await current.Authenticators.AuthenticateAsync(context.Request, context.RequestAborted);
            if (user is null)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer realm=\"tke\"";
                throw StatusError.Unauthorized();
            }

            context.Features.Set(user); // for the audit record written when the response is done
            if (current.HandlerFor(context.Request) is { } handler)
            {
                await handler.Handle(context, user);
                return;
            }

            if (path == AuditListEndpoint.Path)
            {
                await auditEvents.HandleAsync(context, user);
                return;
            }

            switch (path)
            {
                case "/version":
                    await ResponseWriter.WriteJsonBytesAsync(context, versionJson);
                    return;
                case "/metrics":
                    context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await context.Response.WriteAsync(metrics.Render(), context.RequestAborted);
                    return;
                case SelfSubjectReviewEndpoint.Path:
                    await SelfSubjectReviewEndpoint.ServeAsync(context, user);
                    return;
            }

            if (path.StartsWith("/openapi/", StringComparison.Ordinal) || path == "/swagger-2.0.0.pb-v1")
            {
                await OpenApiEndpoint.ServeAsync(context, openApi);
                return;
            }

            if (!await surface.TryHandleAsync(context, request, user))
            {
                throw StatusError.PathNotFound(path);
            }
        }
    }

    /// <summary>TKEStack's console gateway serves the platform and business APIs under /platform and /business.</summary>
    private static string StripModulePrefix(HttpContext context)
    {
        var path = context.Request.Path;
        foreach (var prefix in ModulePrefixes)
        {
            if (path.StartsWithSegments(prefix, out var rest) && (rest.Value?.StartsWith("/api", StringComparison.Ordinal) ?? false))
            {
                context.Request.PathBase = context.Request.PathBase.Add(prefix);
                context.Request.Path = rest;
                break;
            }
        }

        return context.Request.Path.Value ?? "/";
    }

    private static readonly PathString[] ModulePrefixes = [new("/platform"), new("/business")];

    private static string Verb(HttpContext context, ApiRequest request)
    {
        var method = context.Request.Method;
        if (request.Kind != ApiPathKind.Resource)
        {
            return method;
        }

        return method switch
        {
            "GET" when request.Name is null => context.Request.Query.ContainsKey("watch") ? "WATCH" : "LIST",
            "DELETE" when request.Name is null => "DELETECOLLECTION",
            "POST" => "CREATE",
            "PUT" => "UPDATE",
            _ => method,
        };
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _compaction;
        await _app.DisposeAsync();
        await _audit.DisposeAsync(); // drains queued records before the log closes
        _auditLog.Dispose();
        await _store.DisposeAsync();
        _stopping.Dispose();
    }
}
