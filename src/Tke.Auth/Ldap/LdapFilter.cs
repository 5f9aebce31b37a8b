using System.Text;

namespace Tke.Auth.Ldap;

/// <summary>Builds LDAP search filters from untrusted values (RFC 4515).</summary>
public static class LdapFilter
{
    /// <summary>
    /// Escapes a value for use inside a filter assertion: '*', '(', ')', '\' and NUL become
    /// \XX hex escapes, as does every byte outside printable ASCII, so a login name can never
    /// add wildcards or further clauses to the search.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (byte)'*' or (byte)'(' or (byte)')' or (byte)'\\' or 0 || b < 0x20 || b > 0x7e)
            {
                builder.Append('\\').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary><c>(attribute=value)</c> with the value escaped.</summary>
    public static string Equality(string attribute, string value) => $"({attribute}={Escape(value)})";

    /// <summary>Joins a configured filter (may be empty) and an assertion with AND.</summary>
    public static string And(string? configuredFilter, string assertion) =>
        string.IsNullOrWhiteSpace(configuredFilter) ? assertion : $"(&{configuredFilter.Trim()}{assertion})";
}
