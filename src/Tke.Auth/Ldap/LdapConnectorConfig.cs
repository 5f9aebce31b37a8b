using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Tke.Auth.Ldap;

/// <summary>
/// The LDAP connector settings carried in IdentityProvider spec.config, in dex's LDAP connector
/// format (the format TKEStack's manual documents).
/// </summary>
public sealed partial class LdapConnectorConfig
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Go's encoding/json, which TKEStack uses, matches field names case-insensitively and
        // the manual's samples carry comments.
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>host or host:port of the server; without a port 389 is used for plain LDAP and StartTLS, 636 for LDAPS.</summary>
    [JsonPropertyName("host")]
    public string Host { get; set; } = "";

    /// <summary>Talk plain LDAP without TLS.</summary>
    [JsonPropertyName("insecureNoSSL")]
    public bool InsecureNoSsl { get; set; }

    /// <summary>Skip server certificate verification; not supported, because libldap only offers it process-wide.</summary>
    [JsonPropertyName("insecureSkipVerify")]
    public bool InsecureSkipVerify { get; set; }

    /// <summary>Connect in plain LDAP and upgrade with StartTLS instead of LDAPS.</summary>
    [JsonPropertyName("startTLS")]
    public bool StartTls { get; set; }

    /// <summary>Path of a PEM file with the CA certificates that sign the server certificate.</summary>
    [JsonPropertyName("rootCA")]
    public string? RootCa { get; set; }

    /// <summary>The same as <see cref="RootCa"/> inline: base64 of the PEM text (Go's []byte encoding).</summary>
    [JsonPropertyName("rootCAData")]
    public string? RootCaData { get; set; }

    /// <summary>DN of the service account used to search users and groups; empty for an anonymous search.</summary>
    [JsonPropertyName("bindDN")]
    public string? BindDn { get; set; }

    [JsonPropertyName("bindPW")]
    public string? BindPw { get; set; }

    /// <summary>Label of the username field on the login page.</summary>
    [JsonPropertyName("usernamePrompt")]
    public string? UsernamePrompt { get; set; }

    [JsonPropertyName("userSearch")]
    public LdapUserSearch? UserSearch { get; set; }

    [JsonPropertyName("groupSearch")]
    public LdapGroupSearch? GroupSearch { get; set; }

    /// <summary>Port from <see cref="Host"/> or the default for the transport.</summary>
    [JsonIgnore]
    public int Port => SplitHost(Host, out _, out var port) && port is { } p ? p : (InsecureNoSsl || StartTls ? 389 : 636);

    /// <summary>Host name or address from <see cref="Host"/>, without brackets or port.</summary>
    [JsonIgnore]
    public string HostName => SplitHost(Host, out var name, out _) ? name : Host;

    /// <summary>Parses and validates spec.config.</summary>
    /// <exception cref="LdapConfigException">The text is not JSON or the settings are incomplete or inconsistent.</exception>
    public static LdapConnectorConfig Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new LdapConfigException(["config: required"]);
        }

        LdapConnectorConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<LdapConnectorConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            // The text holds the bind password, so only the position of the error is reported.
            throw new LdapConfigException([$"config: not a JSON object (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})"]);
        }

        if (config is null)
        {
            throw new LdapConfigException(["config: must be a JSON object"]);
        }

        var problems = config.Problems();
        return problems.Count == 0 ? config : throw new LdapConfigException(problems);
    }

    /// <summary>Every reason the settings cannot be used; empty when they can. Secrets never appear in the text.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("host: required");
        }
        else if (!SplitHost(Host, out _, out _))
        {
            problems.Add($"host: must be host or host:port with a port from 1 to 65535, got \"{Host}\"");
        }

        if (InsecureNoSsl && StartTls)
        {
            problems.Add("startTLS: cannot be combined with insecureNoSSL");
        }

        if (InsecureSkipVerify)
        {
            problems.Add("insecureSkipVerify: not supported; give the server's CA in rootCA or rootCAData instead");
        }

        if (!string.IsNullOrEmpty(RootCa) && !string.IsNullOrEmpty(RootCaData))
        {
            problems.Add("rootCAData: give either rootCA or rootCAData, not both");
        }

        if (!string.IsNullOrEmpty(RootCaData) && DecodeRootCaData(RootCaData) is null)
        {
            problems.Add("rootCAData: must be the base64 encoding of PEM certificates");
        }

        if (string.IsNullOrEmpty(BindDn) != string.IsNullOrEmpty(BindPw))
        {
            problems.Add("bindPW: bindDN and bindPW must be given together");
        }

        if (UserSearch is null)
        {
            problems.Add("userSearch: required");
        }
        else
        {
            RequireDn(problems, "userSearch.baseDN", UserSearch.BaseDn);
            CheckFilter(problems, "userSearch.filter", UserSearch.Filter);
            CheckScope(problems, "userSearch.scope", UserSearch.Scope);
            RequireAttribute(problems, "userSearch.username", UserSearch.Username, allowDn: false);
            RequireAttribute(problems, "userSearch.idAttr", UserSearch.IdAttr, allowDn: true);
            OptionalAttribute(problems, "userSearch.emailAttr", UserSearch.EmailAttr);
            OptionalAttribute(problems, "userSearch.nameAttr", UserSearch.NameAttr);
        }

        if (GroupSearch is { BaseDn.Length: > 0 } groups)
        {
            CheckFilter(problems, "groupSearch.filter", groups.Filter);
            CheckScope(problems, "groupSearch.scope", groups.Scope);
            RequireAttribute(problems, "groupSearch.userAttr", groups.UserAttr, allowDn: true);
            RequireAttribute(problems, "groupSearch.groupAttr", groups.GroupAttr, allowDn: false);
            RequireAttribute(problems, "groupSearch.nameAttr", groups.NameAttr, allowDn: false);
        }

        return problems;
    }

    /// <summary>PEM text of the configured CA, or null when the system trust store applies.</summary>
    public string? ReadRootCaPem()
    {
        if (!string.IsNullOrEmpty(RootCaData))
        {
            return DecodeRootCaData(RootCaData);
        }

        return string.IsNullOrEmpty(RootCa) ? null : File.ReadAllText(RootCa);
    }

    private static string? DecodeRootCaData(string data)
    {
        // Go marshals []byte as base64; accept plain PEM text too since people paste it.
        if (data.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return data;
        }

        try
        {
            var pem = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(data));
            return pem.Contains("-----BEGIN", StringComparison.Ordinal) ? pem : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool SplitHost(string host, out string name, out int? port)
    {
        name = "";
        port = null;
        var text = host?.Trim() ?? "";
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0)
            {
                return false;
            }

            name = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0)
            {
                if (!rest.StartsWith(':'))
                {
                    return false;
                }

                portText = rest[1..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon >= 0 && text.IndexOf(':') == colon)
            {
                name = text[..colon];
                portText = text[(colon + 1)..];
            }
            else
            {
                // No colon, or several (a bare IPv6 address): the whole text is the host.
                name = text;
            }
        }

        if (portText is not null)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
            {
                return false;
            }

            port = p;
        }

        return name.Length > 0 && !name.Any(c => char.IsWhiteSpace(c) || c is '/' or '?' or '#' or '@');
    }

    private static void RequireDn(List<string> problems, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{field}: required");
        }
        else if (!value.Contains('='))
        {
            problems.Add($"{field}: must be a distinguished name such as ou=People,dc=example,dc=org");
        }
    }

    private static void CheckFilter(List<string> problems, string field, string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return;
        }

        var text = filter.Trim();
        var depth = 0;
        foreach (var c in text)
        {
            depth += c switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                break;
            }
        }

        if (!text.StartsWith('(') || !text.EndsWith(')') || depth != 0)
        {
            problems.Add($"{field}: must be a parenthesised LDAP filter such as (objectClass=person)");
        }
    }

    private static void CheckScope(List<string> problems, string field, string? scope)
    {
        if (!string.IsNullOrEmpty(scope) && scope is not ("sub" or "one"))
        {
            problems.Add($"{field}: must be \"sub\" or \"one\"");
        }
    }

    private static void RequireAttribute(List<string> problems, string field, string? value, bool allowDn)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{field}: required");
            return;
        }

        OptionalAttribute(problems, field, value, allowDn);
    }

    private static void OptionalAttribute(List<string> problems, string field, string? value, bool allowDn = false)
    {
        if (string.IsNullOrEmpty(value) || (allowDn && IsDnKeyword(value)))
        {
            return;
        }

        // Attribute names end up inside search filters, so only real attribute descriptions pass.
        if (!AttributeName().IsMatch(value))
        {
            problems.Add($"{field}: \"{value}\" is not an LDAP attribute name");
        }
    }

    internal static bool IsDnKeyword(string? value) => string.Equals(value, "DN", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\\.[0-9]+)+)$")]
    private static partial Regex AttributeName();
}

/// <summary>How to find the entry of the user who logs in.</summary>
public sealed class LdapUserSearch
{
    [JsonPropertyName("baseDN")]
    public string BaseDn { get; set; } = "";

    /// <summary>Extra filter ANDed with the username match, e.g. (objectClass=person).</summary>
    [JsonPropertyName("filter")]
    public string? Filter { get; set; }

    /// <summary>"sub" (default) for the whole subtree, "one" for direct children of <see cref="BaseDn"/>.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    /// <summary>Attribute matched against the login name, e.g. uid or cn.</summary>
    [JsonPropertyName("username")]
    public string Username { get; set; } = "";

    /// <summary>Attribute holding the user ID, or "DN" for the entry's distinguished name.</summary>
    [JsonPropertyName("idAttr")]
    public string IdAttr { get; set; } = "";

    [JsonPropertyName("emailAttr")]
    public string? EmailAttr { get; set; }

    /// <summary>Attribute holding the display name.</summary>
    [JsonPropertyName("nameAttr")]
    public string? NameAttr { get; set; }
}

/// <summary>How to find the groups of a user.</summary>
public sealed class LdapGroupSearch
{
    [JsonPropertyName("baseDN")]
    public string BaseDn { get; set; } = "";

    /// <summary>Extra filter ANDed with the membership match, e.g. (objectClass=groupOfNames).</summary>
    [JsonPropertyName("filter")]
    public string? Filter { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    /// <summary>User attribute whose value a group lists as a member, or "DN" for the user's distinguished name.</summary>
    [JsonPropertyName("userAttr")]
    public string UserAttr { get; set; } = "";

    /// <summary>Group attribute listing members, e.g. member or memberUid.</summary>
    [JsonPropertyName("groupAttr")]
    public string GroupAttr { get; set; } = "";

    /// <summary>Group attribute holding the group name.</summary>
    [JsonPropertyName("nameAttr")]
    public string NameAttr { get; set; } = "";
}
