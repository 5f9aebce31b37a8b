using System.DirectoryServices.Protocols;
using System.Net;
using Tke.Auth.Apis.IdentityProviders;
using Tke.Auth.Identity;

namespace Tke.Auth.Ldap;

/// <summary>
/// Logs users in against an LDAP directory the way dex's LDAP connector does: bind as the service
/// account, find the user's entry by the login name, bind as that entry with the given password,
/// then (as the service account again) look up the groups that list the user as a member.
/// </summary>
public sealed class LdapPasswordConnector : IPasswordConnector, IDisposable
{
    private readonly LdapConnectorConfig config;
    private readonly TimeSpan timeout;
    private readonly string? caDirectory;

    /// <param name="config">Validated settings (see <see cref="LdapConnectorConfig.Parse"/>).</param>
    /// <param name="timeout">Limit for the whole login, connection included; 10 seconds when null.</param>
    public LdapPasswordConnector(LdapConnectorConfig config, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Problems() is { Count: > 0 } problems)
        {
            throw new LdapConfigException(problems);
        }

        this.config = config;
        this.timeout = timeout ?? TimeSpan.FromSeconds(10);
        if (this.timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "timeout must be positive");
        }

        if (!config.InsecureNoSsl && config.ReadRootCaPem() is { } pem)
        {
            // libldap takes trusted CAs only as a directory, so the PEM gets one of its own.
            caDirectory = Directory.CreateTempSubdirectory("tke-ldap-ca-").FullName;
            File.WriteAllText(Path.Combine(caDirectory, "ca.pem"), pem);
        }
    }

    /// <summary>A connector for an IdentityProvider of type "ldap".</summary>
    /// <exception cref="LdapConfigException">The provider is not of type ldap or its config is invalid.</exception>
    public static LdapPasswordConnector FromIdentityProvider(IdentityProvider provider, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!string.Equals(provider.Spec.Type, "ldap", StringComparison.Ordinal))
        {
            throw new LdapConfigException([$"spec.type: expected \"ldap\", got \"{provider.Spec.Type}\""]);
        }

        return new LdapPasswordConnector(LdapConnectorConfig.Parse(provider.Spec.Config), timeout);
    }

    public string Server => $"{(config.InsecureNoSsl || config.StartTls ? "ldap" : "ldaps")}://{config.HostName}:{config.Port}";

    public async Task<LoginResult> LoginAsync(string tenantId, string username, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);

        // An empty password would be an unauthenticated bind, which LDAP servers accept as success.
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return LoginResult.InvalidCredentials();
        }

        // libldap calls block, so the login runs on a pool thread and the caller stops waiting at
        // the deadline even if the socket does not.
        var work = Task.Run(() => Login(tenantId, username, password), CancellationToken.None);
        try
        {
            return await work.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _ = work.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return LoginResult.Unavailable($"LDAP server {Server} did not answer within {timeout.TotalSeconds:0.#} seconds");
        }
    }

    public void Dispose()
    {
        if (caDirectory is not null)
        {
            try
            {
                Directory.Delete(caDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover public CA certificate in the temp directory is harmless.
            }
        }
    }

    private LoginResult Login(string tenantId, string username, string password)
    {
        try
        {
            using var connection = Connect();
            BindService(connection);

            var userSearch = config.UserSearch!;
            var entries = Search(connection, userSearch.BaseDn, userSearch.Scope, LdapFilter.And(userSearch.Filter, LdapFilter.Equality(userSearch.Username, username)), UserAttributes());
            if (entries.Count != 1)
            {
                // Spend a bind round trip anyway so "no such user" is not faster than a wrong password.
                TryBind(connection, $"cn=tke-no-such-user,{userSearch.BaseDn}", password);
                return LoginResult.InvalidCredentials();
            }

            var user = entries[0];
            if (!TryBind(connection, user.DistinguishedName, password))
            {
                return LoginResult.InvalidCredentials();
            }

            BindService(connection);
            var groups = FindGroups(connection, user);
            return LoginResult.Success(ToIdentity(tenantId, username, user, groups));
        }
        catch (LdapException e)
        {
            return LoginResult.Unavailable($"LDAP server {Server} unavailable: {e.Message} (code {e.ErrorCode})");
        }
        catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return LoginResult.Unavailable($"LDAP search base not found on {Server}: {e.Response.MatchedDN}");
        }
        catch (DirectoryOperationException e)
        {
            return LoginResult.Unavailable($"LDAP server {Server} refused the request: {e.Response?.ResultCode.ToString() ?? e.Message}");
        }
        catch (DirectoryException e)
        {
            return LoginResult.Unavailable($"LDAP server {Server} failed: {e.Message}");
        }
    }

    private LdapConnection Connect()
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(config.HostName, config.Port), null, AuthType.Basic)
        {
            Timeout = timeout,
        };
        try
        {
            var options = connection.SessionOptions;
            options.ProtocolVersion = 3;
            options.ReferralChasing = ReferralChasingOptions.None;
            if (!config.InsecureNoSsl)
            {
                if (caDirectory is not null)
                {
                    options.TrustedCertificatesDirectory = caDirectory;
                    options.StartNewTlsSessionContext();
                }

                if (config.StartTls)
                {
                    // libldap opens the socket only on the first operation, and StartTLS needs an
                    // open one: an anonymous bind opens it without sending any secret in clear.
                    connection.AuthType = AuthType.Anonymous;
                    connection.Bind();
                    options.StartTransportLayerSecurity(null);
                    connection.AuthType = AuthType.Basic;
                }
                else
                {
                    options.SecureSocketLayer = true;
                }
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void BindService(LdapConnection connection)
    {
        // Without a service account the directory is searched anonymously.
        connection.Bind(string.IsNullOrEmpty(config.BindDn) ? new NetworkCredential() : new NetworkCredential(config.BindDn, config.BindPw));
    }

    private static bool TryBind(LdapConnection connection, string dn, string password)
    {
        try
        {
            connection.Bind(new NetworkCredential(dn, password));
            return true;
        }
        catch (LdapException e) when (e.ErrorCode == 49)
        {
            // 49 is invalidCredentials: wrong password, unknown DN or a locked account alike.
            return false;
        }
    }

    private List<SearchResultEntry> Search(LdapConnection connection, string baseDn, string? scope, string filter, string[] attributes)
    {
        var request = new SearchRequest(baseDn, filter, scope == "one" ? SearchScope.OneLevel : SearchScope.Subtree, attributes)
        {
            TimeLimit = timeout,
        };
        var response = (SearchResponse)connection.SendRequest(request, timeout);
        return response.Entries.Cast<SearchResultEntry>().ToList();
    }

    private string[] UserAttributes()
    {
        var search = config.UserSearch!;
        var names = new List<string> { search.Username };
        foreach (var name in new[] { search.IdAttr, search.EmailAttr, search.NameAttr, config.GroupSearch?.UserAttr })
        {
            if (!string.IsNullOrEmpty(name) && !LdapConnectorConfig.IsDnKeyword(name))
            {
                names.Add(name);
            }
        }

        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    private List<string> FindGroups(LdapConnection connection, SearchResultEntry user)
    {
        var search = config.GroupSearch;
        if (search is null || string.IsNullOrEmpty(search.BaseDn))
        {
            return [];
        }

        var memberValues = LdapConnectorConfig.IsDnKeyword(search.UserAttr) ? [user.DistinguishedName] : Values(user, search.UserAttr);
        var groups = new List<string>();
        foreach (var member in memberValues)
        {
            var filter = LdapFilter.And(search.Filter, LdapFilter.Equality(search.GroupAttr, member));
            foreach (var group in Search(connection, search.BaseDn, search.Scope, filter, [search.NameAttr]))
            {
                foreach (var name in Values(group, search.NameAttr))
                {
                    if (!groups.Contains(name, StringComparer.Ordinal))
                    {
                        groups.Add(name);
                    }
                }
            }
        }

        return groups;
    }

    private AuthenticatedIdentity ToIdentity(string tenantId, string loginName, SearchResultEntry user, List<string> groups)
    {
        var search = config.UserSearch!;
        var name = First(user, search.Username) ?? loginName;
        var id = LdapConnectorConfig.IsDnKeyword(search.IdAttr) ? user.DistinguishedName : First(user, search.IdAttr) ?? user.DistinguishedName;
        var display = string.IsNullOrEmpty(search.NameAttr) ? null : First(user, search.NameAttr);
        var email = string.IsNullOrEmpty(search.EmailAttr) ? null : First(user, search.EmailAttr);
        return new AuthenticatedIdentity(id, name, display ?? name, email ?? "", groups, tenantId)
        {
            Extra = new Dictionary<string, string> { ["dn"] = user.DistinguishedName },
        };
    }

    private static string? First(SearchResultEntry entry, string attribute) => Values(entry, attribute).FirstOrDefault();

    private static List<string> Values(SearchResultEntry entry, string attribute)
    {
        // Servers may answer with a different letter case than the configuration uses.
        foreach (string name in entry.Attributes.AttributeNames)
        {
            if (string.Equals(name, attribute, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Attributes[name].GetValues(typeof(string)).Cast<string>().ToList();
            }
        }

        return [];
    }
}
