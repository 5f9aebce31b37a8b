using System.Text;
using Tke.Storage.Keys;

namespace Tke.Storage.Tests.Keys;

public sealed class KeyOrderTests
{
    [Theory]
    [InlineData("a/", "a0")]
    [InlineData("registry/pods/", "registry/pods0")]
    [InlineData("a\uffff", "a\U00010000")]
    [InlineData("a\ud7ff", "a\ue000")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("\U0010FFFF\U0010FFFF", null)]
    [InlineData("", null)]
    public void PrefixEnd_is_the_first_key_past_the_prefix(string prefix, string? expected)
    {
        Assert.Equal(expected, KeyOrder.PrefixEnd(prefix));
    }

    [Fact]
    public void Compare_matches_utf8_byte_order()
    {
        var random = new Random(11);
        char[] alphabet = ['a', 'b', '/', '0', '.', '\u00e9', '\uffff', '\ue000', '\ud83d', '\ude00'];
        var keys = Enumerable.Range(0, 400)
            .Select(_ => new string(Enumerable.Range(0, random.Next(0, 5)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()))
            .Where(k => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(k)) == k)
            .Append("a\U0001F600")
            .Append("a\uffff")
            .ToList();

        foreach (var a in keys)
        {
            foreach (var b in keys.Take(60))
            {
                var bytes = Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
                Assert.Equal(Math.Sign(bytes), Math.Sign(KeyOrder.Compare(a, b)));
            }
        }
    }

    [Fact]
    public void Every_key_with_the_prefix_sorts_between_the_prefix_and_its_end()
    {
        string[] prefixes = ["a/", "a\uffff", "a/\U0001F600", "x\ud7ff"];
        string[] suffixes = ["", "a", "\uffff", "\U0010FFFF\U0010FFFF", "\U0001F600"];
        foreach (var prefix in prefixes)
        {
            var end = KeyOrder.PrefixEnd(prefix)!;
            foreach (var suffix in suffixes)
            {
                var key = prefix + suffix;
                Assert.True(KeyOrder.Compare(prefix, key) <= 0);
                Assert.True(KeyOrder.Compare(key, end) < 0, $"{key} should sort before {end}");
            }

            Assert.False(end.StartsWith(prefix, StringComparison.Ordinal));
        }
    }
}
