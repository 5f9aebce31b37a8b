using System.Text;

namespace Tke.Cli.Client;

/// <summary>Reads a password from standard input, never from the command line (where `ps` and
/// shell history would show it). A terminal gets a prompt without echo; a pipe gives its first line.</summary>
public static class PasswordInput
{
    public static string Read(string prompt)
    {
        var password = Console.IsInputRedirected ? FirstLine(Console.In) : ReadWithoutEcho(prompt);
        return password.Length > 0 ? password : throw new CommandFailedException("no password on standard input");
    }

    private static string FirstLine(TextReader input) => (input.ReadLine() ?? "").TrimEnd('\r');

    private static string ReadWithoutEcho(string prompt)
    {
        Console.Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return password.ToString();
    }
}
