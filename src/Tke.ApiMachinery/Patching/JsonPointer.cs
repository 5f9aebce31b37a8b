using System.Text;

namespace Tke.ApiMachinery.Patching;

/// <summary>An RFC 6901 JSON pointer split into unescaped reference tokens.</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw new PatchException($"invalid JSON pointer \"{text}\": must be empty or start with '/'", isMalformed: true);
        }

        var parts = text[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Unescape(parts[i], text);
        }

        return new JsonPointer(text, parts);
    }

    /// <summary>True when this pointer names a location strictly inside <paramref name="other"/>.</summary>
    public bool IsProperChildOf(JsonPointer other)
    {
        if (Tokens.Count <= other.Tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < other.Tokens.Count; i++)
        {
            if (Tokens[i] != other.Tokens[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Parses an array index token; "-" (past the end) is allowed only when <paramref name="allowEnd"/>.</summary>
    public static int ArrayIndex(string token, int count, bool allowEnd, string pointer)
    {
        if (allowEnd && token == "-")
        {
            return count;
        }

        // RFC 6901: decimal digits without leading zeros.
        var valid = token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0');
        if (!valid || !int.TryParse(token, out var index))
        {
            throw new PatchException($"invalid array index \"{token}\" in path \"{pointer}\"");
        }

        var max = allowEnd ? count : count - 1;
        if (index > max)
        {
            throw new PatchException($"array index {index} out of bounds in path \"{pointer}\"");
        }

        return index;
    }

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~'))
        {
            return token;
        }

        var sb = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                sb.Append(token[i]);
                continue;
            }

            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            sb.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw new PatchException($"invalid JSON pointer \"{pointer}\": '~' must be followed by '0' or '1'", isMalformed: true),
            });
            i++;
        }

        return sb.ToString();
    }
}
