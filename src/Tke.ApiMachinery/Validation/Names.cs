namespace Tke.ApiMachinery.Validation;

/// <summary>
/// Kubernetes' syntax rules for names, label keys and label values. Each check returns the
/// violated rules in Kubernetes' wording (so clients see the messages they know), or an empty list.
/// </summary>
public static class Names
{
    public const int Dns1123LabelMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;
    public const int Dns1035LabelMaxLength = 63;
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1035LabelFormat = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";

    private const string Dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string Dns1035LabelMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    private const string QualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    /// <summary>An RFC 1123 subdomain: at most 253 characters of dot-separated RFC 1123 labels (most object names).</summary>
    public static IReadOnlyList<string> IsDns1123Subdomain(string value)
    {
        List<string>? errors = null;
        if (value.Length > Dns1123SubdomainMaxLength)
        {
            Add(ref errors, MaxLengthError(Dns1123SubdomainMaxLength));
        }

        if (!IsSubdomainSyntax(value))
        {
            Add(ref errors, RegexError(Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com"));
        }

        return errors ?? (IReadOnlyList<string>)[];
    }

    /// <summary>An RFC 1123 label: at most 63 lower-case alphanumerics or '-', alphanumeric at both ends (namespace names).</summary>
    public static IReadOnlyList<string> IsDns1123Label(string value)
    {
        List<string>? errors = null;
        if (value.Length > Dns1123LabelMaxLength)
        {
            Add(ref errors, MaxLengthError(Dns1123LabelMaxLength));
        }

        if (!IsLabelSyntax(value))
        {
            // A valid subdomain that is not a label can only be failing because of its dots.
            Add(ref errors, IsSubdomainSyntax(value) ? "must not contain dots" : RegexError(Dns1123LabelMessage, Dns1123LabelFormat, "my-name", "123-abc"));
        }

        return errors ?? (IReadOnlyList<string>)[];
    }

    /// <summary>An RFC 1035 label: like an RFC 1123 label but starting with a letter (service names).</summary>
    public static IReadOnlyList<string> IsDns1035Label(string value)
    {
        List<string>? errors = null;
        if (value.Length > Dns1035LabelMaxLength)
        {
            Add(ref errors, MaxLengthError(Dns1035LabelMaxLength));
        }

        if (!IsLabelSyntax(value) || !char.IsAsciiLetterLower(value[0]))
        {
            Add(ref errors, RegexError(Dns1035LabelMessage, Dns1035LabelFormat, "my-name", "abc-123"));
        }

        return errors ?? (IReadOnlyList<string>)[];
    }

    /// <summary>A label or annotation key, finalizer name and the like: an optional DNS subdomain
    /// prefix and '/', then a name of at most 63 alphanumerics, '-', '_' or '.'.</summary>
    public static IReadOnlyList<string> IsQualifiedName(string value)
    {
        List<string>? errors = null;
        var slash = value.IndexOf('/');
        var name = value;
        if (slash >= 0)
        {
            if (value.IndexOf('/', slash + 1) >= 0)
            {
                return [
                    "a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                ];
            }

            var prefix = value[..slash];
            name = value[(slash + 1)..];
            if (prefix.Length == 0)
            {
                Add(ref errors, "prefix part must be non-empty");
            }
            else
            {
                foreach (var message in IsDns1123Subdomain(prefix))
                {
                    Add(ref errors, "prefix part " + message);
                }
            }
        }

        if (name.Length == 0)
        {
            Add(ref errors, "name part must be non-empty");
        }
        else if (name.Length > QualifiedNameMaxLength)
        {
            Add(ref errors, "name part " + MaxLengthError(QualifiedNameMaxLength));
        }

        if (!IsQualifiedNameSyntax(name))
        {
            Add(ref errors, "name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors ?? (IReadOnlyList<string>)[];
    }

    /// <summary>A label value: empty, or at most 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends.</summary>
    public static IReadOnlyList<string> IsValidLabelValue(string value)
    {
        List<string>? errors = null;
        if (value.Length > LabelValueMaxLength)
        {
            Add(ref errors, MaxLengthError(LabelValueMaxLength));
        }

        if (value.Length > 0 && !IsQualifiedNameSyntax(value))
        {
            Add(ref errors, RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Makes a generateName prefix checkable with a name rule: a trailing '-' is fine in a prefix
    /// because random characters follow it.</summary>
    public static string MaskTrailingDash(string prefix) =>
        prefix.Length > 1 && prefix[^1] == '-' ? prefix[..^1] + "a" : prefix;

    /// <summary>Kubernetes' "must be no more than N characters".</summary>
    public static string MaxLengthError(int length) => $"must be no more than {length} characters";

    /// <summary>Kubernetes' regex error text, including its examples (and its double spaces between them).</summary>
    public static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
        {
            return $"{message} (regex used for validation is '{format}')";
        }

        return $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";
    }

    private static void Add(ref List<string>? errors, string message) => (errors ??= []).Add(message);

    private static bool IsLabelSyntax(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || !IsLowerAlphanumeric(value[0]) || !IsLowerAlphanumeric(value[^1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsLowerAlphanumeric(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSubdomainSyntax(ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var range in value.Split('.'))
        {
            if (!IsLabelSyntax(value[range]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsQualifiedNameSyntax(ReadOnlySpan<char> value)
    {
        if (value.Length == 0 || !char.IsAsciiLetterOrDigit(value[0]) || !char.IsAsciiLetterOrDigit(value[^1]))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
