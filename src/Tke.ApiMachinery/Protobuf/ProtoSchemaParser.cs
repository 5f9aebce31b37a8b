using System.Globalization;
using System.Text;

namespace Tke.ApiMachinery.Protobuf;

/// <summary>
/// Reads the subset of the .proto language that Kubernetes' generated.proto files use: package,
/// imports, options, messages (nested too), fields with labels and options, map fields, enums and
/// oneofs. Services, extensions and reserved ranges are skipped. Type references are kept as written
/// and resolved by <see cref="ProtoSchemaRegistry"/>.
/// </summary>
public sealed class ProtoSchemaParser
{
    private const int MaxNesting = 32;

    private readonly List<string> _tokens;
    private readonly string _source;
    private int _next;
    private string _package = "";
    private readonly List<string> _imports = [];
    private readonly List<ProtoMessage> _messages = [];
    private readonly List<string> _enums = [];

    private ProtoSchemaParser(string source, string text)
    {
        _source = source;
        _tokens = Tokenize(source, text);
    }

    /// <summary>Parses one file; <paramref name="source"/> names it in error messages.</summary>
    public static ProtoFile Parse(string source, string text)
    {
        var parser = new ProtoSchemaParser(source, text);
        parser.ParseFile();
        return new ProtoFile(parser._package, parser._imports, parser._messages, parser._enums);
    }

    private void ParseFile()
    {
        while (_next < _tokens.Count)
        {
            var token = Take();
            switch (token)
            {
                case "syntax":
                case "edition":
                case "option":
                    SkipStatement();
                    break;
                case "package":
                    _package = Take();
                    Expect(";");
                    break;
                case "import":
                    var path = Take();
                    if (path is "public" or "weak")
                    {
                        path = Take();
                    }

                    _imports.Add(Unquote(path));
                    Expect(";");
                    break;
                case "message":
                    ParseMessage(_package, 0);
                    break;
                case "enum":
                    ParseEnum(_package);
                    break;
                case ";":
                    break;
                default:
                    // service, extend and anything newer: not needed to decode objects.
                    SkipStatement();
                    break;
            }
        }
    }

    private void ParseMessage(string scope, int depth)
    {
        if (depth > MaxNesting)
        {
            throw Error("messages nested too deeply");
        }

        var name = Take();
        var fullName = Qualify(scope, name);
        Expect("{");
        var fields = new List<ProtoField>();
        while (Peek() != "}")
        {
            var token = Take();
            switch (token)
            {
                case "message":
                    ParseMessage(fullName, depth + 1);
                    break;
                case "enum":
                    ParseEnum(fullName);
                    break;
                case "oneof":
                    Take();
                    Expect("{");
                    while (Peek() != "}")
                    {
                        if (Peek() == "option")
                        {
                            SkipStatement();
                            continue;
                        }

                        fields.Add(ParseField(ProtoLabel.Optional, Take()));
                    }

                    Expect("}");
                    break;
                case "option":
                case "reserved":
                case "extensions":
                case "extend":
                    SkipStatement();
                    break;
                case ";":
                    break;
                case "optional":
                    fields.Add(ParseField(ProtoLabel.Optional, Take()));
                    break;
                case "required":
                    fields.Add(ParseField(ProtoLabel.Required, Take()));
                    break;
                case "repeated":
                    fields.Add(ParseField(ProtoLabel.Repeated, Take()));
                    break;
                case "map":
                    fields.Add(ParseMapField());
                    break;
                default:
                    // proto3 fields without a label.
                    fields.Add(ParseField(ProtoLabel.Optional, token));
                    break;
            }
        }

        Expect("}");
        if (fields.GroupBy(f => f.Number).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw Error($"field number {duplicate.Key} is used twice in {fullName}");
        }

        _messages.Add(new ProtoMessage(fullName, fields));
    }

    private ProtoField ParseField(ProtoLabel label, string typeName)
    {
        var name = Take();
        Expect("=");
        var number = Number();
        var (notNullable, embedded) = FieldOptions();
        Expect(";");
        return new ProtoField(name, number, label, typeName, NotNullable: notNullable, Embedded: embedded);
    }

    private ProtoField ParseMapField()
    {
        Expect("<");
        var key = Take();
        if (!ProtoScalars.IsScalar(key) || key is "double" or "float" or "bytes")
        {
            throw Error($"map key type {key} is not allowed");
        }

        Expect(",");
        var value = Take();
        Expect(">");
        var name = Take();
        Expect("=");
        var number = Number();
        FieldOptions();
        Expect(";");
        return new ProtoField(name, number, ProtoLabel.Repeated, value, MapKeyType: key);
    }

    /// <summary>Reads "[a = b, (c.d) = e]" if present and returns the gogoproto options we honour.</summary>
    private (bool NotNullable, bool Embedded) FieldOptions()
    {
        if (Peek() != "[")
        {
            return (false, false);
        }

        Take();
        bool notNullable = false, embedded = false;
        while (true)
        {
            var option = new StringBuilder();
            while (Peek() != "=")
            {
                option.Append(Take());
            }

            Take();
            var value = Take();
            switch (option.ToString())
            {
                case "(gogoproto.nullable)": notNullable = value == "false"; break;
                case "(gogoproto.embed)": embedded = value == "true"; break;
            }

            var separator = Take();
            if (separator == "]")
            {
                return (notNullable, embedded);
            }

            if (separator != ",")
            {
                throw Error($"expected ',' or ']' in field options, found '{separator}'");
            }
        }
    }

    private void ParseEnum(string scope)
    {
        _enums.Add(Qualify(scope, Take()));
        Expect("{");
        SkipBlockBody();
    }

    private void SkipStatement()
    {
        while (true)
        {
            var token = Take();
            if (token == ";")
            {
                return;
            }

            if (token == "{")
            {
                SkipBlockBody();
                return;
            }
        }
    }

    /// <summary>Skips to the "}" matching an already consumed "{".</summary>
    private void SkipBlockBody()
    {
        var open = 1;
        while (open > 0)
        {
            var token = Take();
            open += token switch { "{" => 1, "}" => -1, _ => 0 };
        }
    }

    private int Number()
    {
        var token = Take();
        var parsed = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(token.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : -1
            : int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : -1;
        if (parsed is < 1 or > 536_870_911)
        {
            throw Error($"'{token}' is not a field number");
        }

        return parsed;
    }

    private string Peek() => _next < _tokens.Count ? _tokens[_next] : throw Error("unexpected end of file");

    private string Take()
    {
        var token = Peek();
        _next++;
        return token;
    }

    private void Expect(string expected)
    {
        var token = Take();
        if (token != expected)
        {
            throw Error($"expected '{expected}', found '{token}'");
        }
    }

    private FormatException Error(string message) => new($"{_source}: {message} (token {_next})");

    private static string Qualify(string scope, string name) => scope.Length == 0 ? name : scope + "." + name;

    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] is '"' or '\'' && token[^1] == token[0] ? token[1..^1] : token;

    private static List<string> Tokenize(string source, string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"{source}: unterminated comment");
                }

                i = end + 2;
            }
            else if (c is '"' or '\'')
            {
                var start = i++;
                while (i < text.Length && text[i] != c)
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                if (i >= text.Length)
                {
                    throw new FormatException($"{source}: unterminated string");
                }

                tokens.Add(text[start..++i]);
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '+')
            {
                // Identifiers, dotted type names (".pkg.Type" too) and numbers in one token.
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '+'))
                {
                    i++;
                }

                tokens.Add(text[start..i]);
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }
}
