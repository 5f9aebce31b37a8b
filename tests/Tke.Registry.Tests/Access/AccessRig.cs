using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Tke.ApiMachinery.Admission;
using Tke.ApiMachinery.Http;
using Tke.ApiMachinery.Json;
using Tke.ApiMachinery.Kinds;
using Tke.ApiMachinery.Objects;
using Tke.ApiMachinery.Store;
using Tke.Auth.Apis;
using Tke.Auth.Apis.LocalIdentities;
using Tke.Registry.Access;
using Tke.Registry.Apis;
using Tke.Registry.Apis.ChartGroups;
using Tke.Registry.Apis.Namespaces;
using Tke.Registry.Resources;
using Tke.Storage.Sqlite;

namespace Tke.Registry.Tests.Access;

/// <summary>
/// The registry's access pieces on a real store: tenant "default" with a Public namespace "pub"
/// and a Private one "priv", tenant "other" with a Public namespace "shared"; users from
/// <see cref="FakeCredentials"/>, policies from <see cref="ReadOnlyBob"/>; business Projects
/// stored as the business component stores them; local accounts (auth.tkestack.io LocalIdentities)
/// for alice, bob and carol, while dave stands for an LDAP user without one.
/// </summary>
public sealed class AccessRig : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "tke-registry-access-" + Guid.NewGuid().ToString("N"));
    private readonly KindCatalog _catalog = new([new RegistryApiGroup(), new StandInBusinessGroup(), new AuthApiGroup()]);
    private SqliteKeyValueStore _kv = null!;

    internal ManualClock Clock { get; } = new();

    internal FakeCredentials Credentials { get; } = new();

    internal ReadOnlyBob Policies { get; } = new();

    public RegistryAccessOptions Options { get; } = new();

    public ApiSurface Surface { get; private set; } = null!;

    public RegistryTokenKey Key { get; private set; } = null!;

    public RegistryAccess Access { get; private set; } = null!;

    public RegistryTokenEndpoint TokenEndpoint { get; private set; } = null!;

    public RegistryTokenValidator Validator { get; private set; } = null!;

    public RegistryRefreshTokenValidator RefreshValidator { get; private set; } = null!;

    public string KeyPath => Path.Combine(_dir, "pki", "registry-token.key");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _kv = await SqliteKeyValueStore.OpenAsync(Path.Combine(_dir, "db"));
        Surface = new ApiSurface(_catalog, _kv, AdmissionChain.Empty, Clock, new ApiSurfaceOptions());
        Key = RegistryTokenKey.LoadOrCreate(KeyPath);
        var permissions = new RegistryPermissions(new RegistryDirectory(Store("namespaces"), Store("chartgroups"), Clock, Projects), () => Policies);
        Access = new RegistryAccess(Options, Key, Credentials, permissions, Clock);
        var seal = new CredentialSeal(Key);
        RefreshValidator = new RegistryRefreshTokenValidator(Options, Key, seal, Clock);
        var refreshes = new RegistryRefreshGrant(Options, new RegistryRefreshTokenIssuer(Options, Key, seal, Clock), RefreshValidator, Credentials, new LocalAccounts(Accounts));
        TokenEndpoint = new RegistryTokenEndpoint(Options, new RegistryTokenIssuer(Options, Key, Clock), new BasicLogin(Options, Credentials, Clock), permissions, refreshes);
        Validator = new RegistryTokenValidator(Options, Key, Clock);
        await CreateNamespaceAsync("default", "pub", Visibilities.Public);
        await CreateNamespaceAsync("default", "priv", Visibilities.Private);
        await CreateNamespaceAsync("other", "shared", Visibilities.Public);
        await CreateAccountAsync("default", "alice");
        await CreateAccountAsync("default", "bob");
        await CreateAccountAsync("other", "carol");
    }

    public async Task DisposeAsync()
    {
        Key.Dispose();
        await _kv.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    public ResourceStore Store(string plural) => Surface.StoreFor(_catalog.Find(RegistryApiGroup.GroupName, RegistryApiGroup.Version, plural)!);

    public ResourceStore Accounts => Surface.StoreFor(_catalog.Find(LocalAccounts.Group, LocalAccounts.Version, LocalAccounts.Plural)!);

    /// <summary>Stores a local account as the auth component does and returns its object name (usr-...).</summary>
    public async Task<string> CreateAccountAsync(string tenant, string username)
    {
        var account = new LocalIdentity
        {
            Metadata = new ObjectMeta(),
            Spec = new LocalIdentitySpec
            {
                Username = username,
                TenantId = tenant,
                HashedPassword = Convert.ToBase64String(Encoding.UTF8.GetBytes("Unused12345pw")), // the registry never reads it
            },
        };
        var created = await Accounts.CreateAsync(null, JsonSerializer.SerializeToNode(account, ApiJson.Options), RegistrySystemUser.Write(), default);
        return created.Object.Metadata.Name!;
    }

    /// <summary>The object name of <paramref name="username"/>'s local account.</summary>
    public async Task<string> AccountNameAsync(string tenant, string username)
    {
        var page = await Accounts.ListAsync(null, new ListQuery { Tenant = tenant }, default);
        return page.Items.Select(i => (LocalIdentity)i.Object).Single(a => a.Spec.Username == username).Metadata.Name!;
    }

    /// <summary>Changes a local account's status, as locking a user in the console does.</summary>
    public async Task SetAccountStatusAsync(string tenant, string username, LocalIdentityStatus status)
    {
        var name = await AccountNameAsync(tenant, username);
        var current = (LocalIdentity)(await Accounts.GetAsync(null, name, default)).DecodeCopy();
        current.Status = status;
        await Accounts.UpdateAsync(null, name, JsonSerializer.SerializeToNode(current, ApiJson.Options), "status", RegistrySystemUser.Write(), default);
    }

    public async Task DeleteAccountAsync(string tenant, string username) =>
        await Accounts.DeleteAsync(null, await AccountNameAsync(tenant, username), new DeleteRequest(null, null, null), RegistrySystemUser.Write(), default);

    public ResourceStore Projects => Surface.StoreFor(_catalog.Find(BusinessProjects.Group, BusinessProjects.Version, BusinessProjects.Plural)!);

    /// <summary>Creates a Project of <paramref name="tenant"/> with these members and returns its name (prj-...).</summary>
    public async Task<string> CreateProjectAsync(string tenant, params string[] members)
    {
        var project = new StandInProject
        {
            ApiVersion = $"{BusinessProjects.Group}/{BusinessProjects.Version}",
            Kind = "Project",
            Metadata = new ObjectMeta(),
            Spec = new StandInProjectSpec { TenantID = tenant, DisplayName = "team", Members = [.. members] },
        };
        var created = await Projects.CreateAsync(null, JsonSerializer.SerializeToNode(project, ApiJson.Options), RegistrySystemUser.Write(), default);
        return created.Object.Metadata.Name!;
    }

    /// <summary>Replaces a project's members.</summary>
    public async Task SetMembersAsync(string project, params string[] members)
    {
        var current = (StandInProject)(await Projects.GetAsync(null, project, default)).DecodeCopy();
        current.Spec.Members = [.. members];
        await Projects.UpdateAsync(null, project, JsonSerializer.SerializeToNode(current, ApiJson.Options), null, RegistrySystemUser.Write(), default);
    }

    public async Task<ChartGroup> CreateChartGroupAsync(string tenant, string name, string visibility, IReadOnlyList<string>? projects = null, IReadOnlyList<string>? users = null, string? creator = null)
    {
        var group = new ChartGroup
        {
            Metadata = new ObjectMeta(),
            Spec = new ChartGroupSpec
            {
                Name = name,
                TenantId = tenant,
                Visibility = visibility,
                Projects = projects?.ToList(),
                Users = users?.ToList(),
                Creator = creator,
            },
        };
        var created = await Store("chartgroups").CreateAsync(null, JsonSerializer.SerializeToNode(group, ApiJson.Options), RegistrySystemUser.Write(), default);
        return (ChartGroup)created.Object;
    }

    public async Task<Namespace> CreateNamespaceAsync(string tenant, string name, string visibility)
    {
        var ns = new Namespace
        {
            Metadata = new ObjectMeta(),
            Spec = new NamespaceSpec { Name = name, TenantId = tenant, Visibility = visibility },
        };
        var created = await Store("namespaces").CreateAsync(null, JsonSerializer.SerializeToNode(ns, ApiJson.Options), RegistrySystemUser.Write(), default);
        return (Namespace)created.Object;
    }

    public static DefaultHttpContext Request(string path, string host = "default.registry.tke.com", string? basic = null, string? bearer = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "https";
        context.Request.Host = new HostString(host);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        context.Request.Path = query < 0 ? path : path[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(path[query..]);
        context.Response.Body = new MemoryStream();
        if (basic is not null)
        {
            context.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(basic));
        }
        else if (bearer is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearer;
        }

        return context;
    }

    /// <summary>Asks the token service; returns the status and the JSON body.</summary>
    /// <param name="extra">More query parameters, e.g. "&amp;offline_token=true&amp;client_id=docker".</param>
    public async Task<(int Status, JsonNode Body)> TokenAsync(string scopes, string host = "default.registry.tke.com", string? basic = null, string extra = "")
    {
        var query = "?service=tke&account=x" + string.Concat(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => "&scope=" + Uri.EscapeDataString(s))) + extra;
        var context = Request(RegistryAccessOptions.TokenPath + query, host, basic);
        await TokenEndpoint.HandleAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonNode.Parse(context.Response.Body)!);
    }

    /// <summary>Asks the token service with an OAuth2 form POST, as containerd does first.</summary>
    public async Task<(int Status, JsonNode Body)> TokenPostAsync(IReadOnlyDictionary<string, string> form, string method = "POST", string host = "default.registry.tke.com")
    {
        var context = Request(RegistryAccessOptions.TokenPath, host);
        context.Request.Method = method;
        var body = new FormUrlEncodedContent(form);
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = await body.ReadAsStreamAsync();
        await TokenEndpoint.HandleAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonNode.Parse(context.Response.Body)!);
    }

    /// <summary>The access a token service answer grants, as "type:name:actions" strings.</summary>
    public RegistryToken Granted(JsonNode body)
    {
        var token = Validator.Validate((string)body["token"]!, out var problem);
        Assert.True(token is not null, problem);
        return token!;
    }
}
