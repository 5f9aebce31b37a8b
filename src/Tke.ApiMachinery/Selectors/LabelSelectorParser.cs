namespace Tke.ApiMachinery.Selectors;

/// <summary>Recursive-descent parser of the label selector grammar
/// (<c>key op value</c>, set-based <c>in</c>/<c>notin</c>, existence, comma conjunction).</summary>
internal sealed class LabelSelectorParser
{
    private readonly List<Token> _tokens;
    private int _position;

    private LabelSelectorParser(List<Token> tokens) => _tokens = tokens;

    private enum TokenKind
    {
        Identifier,
        In,
        NotIn,
        Not,
        Equals,
        DoubleEquals,
        NotEquals,
        GreaterThan,
        LessThan,
        OpenParen,
        CloseParen,
        Comma,
        End,
    }

    public static List<LabelRequirement> Parse(string text) => new LabelSelectorParser(Tokenize(text)).ParseSelector();

    private List<LabelRequirement> ParseSelector()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var next = Peek(inValues: true);
            switch (next.Kind)
            {
                case TokenKind.Identifier or TokenKind.Not:
                    requirements.Add(ParseRequirementOrThrow());
                    var after = Next(inValues: true);
                    if (after.Kind == TokenKind.End)
                    {
                        return requirements;
                    }

                    if (after.Kind != TokenKind.Comma)
                    {
                        throw new SelectorParseException($"found '{after.Text}', expected: ',' or 'end of string'");
                    }

                    var following = Peek(inValues: true);
                    if (following.Kind is not (TokenKind.Identifier or TokenKind.Not))
                    {
                        throw new SelectorParseException($"found '{following.Text}', expected: identifier after ','");
                    }

                    break;
                case TokenKind.End:
                    return requirements;
                default:
                    throw new SelectorParseException($"found '{next.Text}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirementOrThrow()
    {
        try
        {
            return ParseRequirement();
        }
        catch (SelectorParseException e)
        {
            throw new SelectorParseException("unable to parse requirement: " + e.Message);
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var token = Next(inValues: true);
        var negated = token.Kind == TokenKind.Not;
        if (negated)
        {
            token = Next(inValues: true);
        }

        if (token.Kind != TokenKind.Identifier)
        {
            throw new SelectorParseException($"found '{token.Text}', expected: identifier");
        }

        var key = token.Text;
        if (negated || Peek(inValues: true).Kind is TokenKind.End or TokenKind.Comma)
        {
            return LabelSelector.Requirement(key, negated ? LabelSelectorOperator.DoesNotExist : LabelSelectorOperator.Exists, []);
        }

        var opToken = Next(inValues: false);
        var op = opToken.Kind switch
        {
            TokenKind.In => LabelSelectorOperator.In,
            TokenKind.NotIn => LabelSelectorOperator.NotIn,
            TokenKind.Equals => LabelSelectorOperator.Equals,
            TokenKind.DoubleEquals => LabelSelectorOperator.DoubleEquals,
            TokenKind.NotEquals => LabelSelectorOperator.NotEquals,
            TokenKind.GreaterThan => LabelSelectorOperator.GreaterThan,
            TokenKind.LessThan => LabelSelectorOperator.LessThan,
            _ => throw new SelectorParseException($"found '{opToken.Text}', expected: in, notin, =, ==, !=, gt, lt"),
        };

        var values = op is LabelSelectorOperator.In or LabelSelectorOperator.NotIn ? ParseValueSet() : ParseExactValue();
        return LabelSelector.Requirement(key, op, values);
    }

    private List<string> ParseExactValue()
    {
        var next = Peek(inValues: true);
        if (next.Kind is TokenKind.End or TokenKind.Comma)
        {
            return [""]; // "key=" selects the empty value
        }

        var token = Next(inValues: true);
        return token.Kind == TokenKind.Identifier
            ? [token.Text]
            : throw new SelectorParseException($"found '{token.Text}', expected: identifier");
    }

    private List<string> ParseValueSet()
    {
        var open = Next(inValues: true);
        if (open.Kind != TokenKind.OpenParen)
        {
            throw new SelectorParseException($"found '{open.Text}' expected: '('");
        }

        var values = new List<string>();
        var first = Peek(inValues: true);
        if (first.Kind == TokenKind.CloseParen)
        {
            Next(inValues: true);
            return [""];
        }

        if (first.Kind is not (TokenKind.Identifier or TokenKind.Comma))
        {
            throw new SelectorParseException($"found '{first.Text}', expected: ',', ')' or identifier");
        }

        // Empty entries, as in "(a,,b)" or "(,a)", stand for the empty value.
        var expectValue = true;
        while (true)
        {
            var token = Next(inValues: true);
            switch (token.Kind)
            {
                case TokenKind.Identifier when expectValue:
                    values.Add(token.Text);
                    expectValue = false;
                    break;
                case TokenKind.Comma:
                    if (expectValue)
                    {
                        values.Add("");
                    }

                    expectValue = true;
                    break;
                case TokenKind.CloseParen:
                    if (expectValue)
                    {
                        values.Add("");
                    }

                    return values;
                case TokenKind.Identifier or TokenKind.End when !expectValue:
                    throw new SelectorParseException($"found '{token.Text}', expected: ',' or ')'");
                default:
                    throw new SelectorParseException($"found '{token.Text}', expected: ',', or identifier");
            }
        }
    }

    private Token Peek(bool inValues) => AsContext(_tokens[_position], inValues);

    private Token Next(bool inValues)
    {
        var token = AsContext(_tokens[_position], inValues);
        if (token.Kind != TokenKind.End)
        {
            _position++;
        }

        return token;
    }

    /// <summary>"in" and "notin" are operators only where an operator is expected; elsewhere they are plain words.</summary>
    private static Token AsContext(Token token, bool inValues) =>
        inValues && token.Kind is TokenKind.In or TokenKind.NotIn ? token with { Kind = TokenKind.Identifier } : token;

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsWhitespace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, ""));
                return tokens;
            }

            var start = i;
            if (IsSymbol(text[i]))
            {
                // Longest run of symbol characters that still forms an operator.
                // Every single symbol is an operator, so the run always yields at least one token.
                var kind = TokenKind.Comma;
                var length = 0;
                for (var end = i + 1; end <= text.Length && IsSymbol(text[end - 1]); end++)
                {
                    var candidate = SymbolKind(text.AsSpan(start, end - start));
                    if (candidate is { } k)
                    {
                        kind = k;
                        length = end - start;
                    }
                    else if (length > 0)
                    {
                        break;
                    }
                }

                tokens.Add(new Token(kind, text.Substring(start, length)));
                i = start + length;
                continue;
            }

            while (i < text.Length && !IsWhitespace(text[i]) && !IsSymbol(text[i]))
            {
                i++;
            }

            var word = text[start..i];
            tokens.Add(new Token(word switch { "in" => TokenKind.In, "notin" => TokenKind.NotIn, _ => TokenKind.Identifier }, word));
        }
    }

    private static TokenKind? SymbolKind(ReadOnlySpan<char> symbol) => symbol switch
    {
        "!" => TokenKind.Not,
        "!=" => TokenKind.NotEquals,
        "=" => TokenKind.Equals,
        "==" => TokenKind.DoubleEquals,
        ">" => TokenKind.GreaterThan,
        "<" => TokenKind.LessThan,
        "(" => TokenKind.OpenParen,
        ")" => TokenKind.CloseParen,
        "," => TokenKind.Comma,
        _ => null,
    };

    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

    private readonly record struct Token(TokenKind Kind, string Text);
}
