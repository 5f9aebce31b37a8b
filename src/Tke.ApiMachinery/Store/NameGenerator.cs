using System.Security.Cryptography;

namespace Tke.ApiMachinery.Store;

/// <summary>Random name suffixes from Kubernetes' alphabet (no vowels, no look-alike digits).
/// TKEStack IDs (cls-, mc-, prj-) carry 8 characters, plain generateName 5.</summary>
public static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Generate(string prefix, int length)
    {
        Span<char> suffix = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Concat(prefix, suffix);
    }
}
