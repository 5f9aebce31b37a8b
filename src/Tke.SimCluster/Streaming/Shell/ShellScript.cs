using System.Text;

namespace Tke.SimCluster.Streaming.Shell;

/// <summary>How a command in a script is joined to the one before it.</summary>
public enum ShellConnector
{
    /// <summary>Always runs (first command, or after ";" or a newline).</summary>
    Sequence,

    /// <summary>After "&amp;&amp;": runs only when the previous command succeeded.</summary>
    And,

    /// <summary>After "||": runs only when the previous command failed.</summary>
    Or,
}

/// <summary>A word of a command: parts that are literal (single quotes) or expand $VAR, ${VAR} and $?.</summary>
public sealed record ShellWord(IReadOnlyList<(string Text, bool Expands)> Parts)
{
    public string Expand(Func<string, string> variable)
    {
        var result = new StringBuilder();
        foreach (var (text, expands) in Parts)
        {
            result.Append(expands ? ExpandVariables(text, variable) : text);
        }

        return result.ToString();
    }

    private static string ExpandVariables(string text, Func<string, string> variable)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 >= text.Length)
            {
                result.Append(text[i]);
                continue;
            }

            if (text[i + 1] == '?')
            {
                result.Append(variable("?"));
                i++;
            }
            else if (text[i + 1] == '{' && text.IndexOf('}', i + 2) is var close and > 0)
            {
                result.Append(variable(text[(i + 2)..close]));
                i = close;
            }
            else if (char.IsLetter(text[i + 1]) || text[i + 1] == '_')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
                {
                    end++;
                }

                result.Append(variable(text[(i + 1)..end]));
                i = end - 1;
            }
            else
            {
                result.Append('$');
            }
        }

        return result.ToString();
    }
}

/// <summary>One simple command of a script and how it joins the previous one.</summary>
public sealed record ShellCommand(ShellConnector Connector, IReadOnlyList<ShellWord> Words);

/// <summary>
/// The small subset of sh the simulated shell reads: words with single and double quotes and
/// backslash escapes, variables, and commands joined by ";", newlines, "&amp;&amp;" and "||".
/// Pipes, redirections, substitutions and background jobs are refused with a clear message.
/// </summary>
public static class ShellScript
{
    /// <exception cref="FormatException">The script uses syntax the simulated shell does not have.</exception>
    public static IReadOnlyList<ShellCommand> Parse(string script)
    {
        var commands = new List<ShellCommand>();
        var words = new List<ShellWord>();
        var parts = new List<(string, bool)>();
        var current = new StringBuilder();
        var inWord = false;
        var connector = ShellConnector.Sequence;

        void EndPart(bool expands)
        {
            if (current.Length > 0 || !expands)
            {
                parts.Add((current.ToString(), expands));
            }

            current.Clear();
        }

        void EndWord()
        {
            if (inWord)
            {
                EndPart(expands: true);
                words.Add(new ShellWord(parts.ToArray()));
                parts.Clear();
                inWord = false;
            }
        }

        void EndCommand(ShellConnector next, string separator)
        {
            EndWord();
            if (words.Count == 0)
            {
                // Empty lines are fine; an operator or ";" with no command before it is not.
                if (next != ShellConnector.Sequence || connector != ShellConnector.Sequence || separator == ";")
                {
                    throw new FormatException($"syntax error near unexpected token `{separator}'");
                }

                return;
            }

            commands.Add(new ShellCommand(connector, words.ToArray()));
            words.Clear();
            connector = next;
        }

        for (var i = 0; i < script.Length; i++)
        {
            var c = script[i];
            switch (c)
            {
                case ' ' or '\t':
                    EndWord();
                    break;
                case '\n' or ';':
                    EndCommand(ShellConnector.Sequence, c.ToString());
                    break;
                case '&' when At(script, i + 1, '&'):
                    EndCommand(ShellConnector.And, "&&");
                    i++;
                    break;
                case '|' when At(script, i + 1, '|'):
                    EndCommand(ShellConnector.Or, "||");
                    i++;
                    break;
                case '|' or '&' or '>' or '<' or '`' or '(' or ')':
                    throw new FormatException($"'{c}' is not supported by the simulated shell (it runs simple commands joined by ;, && and || only)");
                case '$' when At(script, i + 1, '('):
                    throw new FormatException("command substitution is not supported by the simulated shell");
                case '#' when !inWord:
                    while (i + 1 < script.Length && script[i + 1] != '\n')
                    {
                        i++;
                    }

                    break;
                case '\\' when At(script, i + 1, '\n'):
                    i++; // a line continuation
                    break;
                case '\\':
                    inWord = true;
                    if (i + 1 < script.Length)
                    {
                        EndPart(expands: true);
                        current.Append(script[++i]);
                        EndPart(expands: false);
                    }

                    break;
                case '\'':
                    inWord = true;
                    var close = script.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException("unterminated quoted string");
                    }

                    EndPart(expands: true);
                    current.Append(script, i + 1, close - i - 1);
                    EndPart(expands: false);
                    i = close;
                    break;
                case '"':
                    inWord = true;
                    EndPart(expands: true);
                    i = ReadDoubleQuoted(script, i, parts);
                    break;
                default:
                    inWord = true;
                    current.Append(c);
                    break;
            }
        }

        if (connector != ShellConnector.Sequence && words.Count == 0 && !inWord)
        {
            throw new FormatException("syntax error: unexpected end of file");
        }

        EndCommand(ShellConnector.Sequence, "newline");
        return commands;
    }

    /// <summary>Reads a double-quoted string starting at <paramref name="open"/> into parts that
    /// expand variables, except escaped characters; returns the index of the closing quote.</summary>
    private static int ReadDoubleQuoted(string script, int open, List<(string, bool)> parts)
    {
        var text = new StringBuilder();
        var empty = true;
        for (var i = open + 1; i < script.Length; i++)
        {
            var c = script[i];
            if (c == '"')
            {
                if (text.Length > 0 || empty)
                {
                    parts.Add((text.ToString(), true));
                }

                return i;
            }

            if (c == '\\' && i + 1 < script.Length && script[i + 1] is '"' or '\\' or '$' or '`')
            {
                parts.Add((text.ToString(), true));
                parts.Add((script[++i].ToString(), false));
                text.Clear();
                empty = false;
                continue;
            }

            if (c == '`' || (c == '$' && At(script, i + 1, '(')))
            {
                throw new FormatException("command substitution is not supported by the simulated shell");
            }

            text.Append(c);
        }

        throw new FormatException("unterminated quoted string");
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;
}
