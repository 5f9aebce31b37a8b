using Tke.ApiMachinery.Errors;
using Tke.ApiMachinery.Printing;
using Tke.ApiMachinery.Store;

namespace Tke.ApiMachinery.Tests.Store;

public sealed class ContinueTokenTests
{
    [Fact]
    public void Round_trips() => Assert.Equal(new ContinueToken(42, "a/b"), ContinueToken.Decode(new ContinueToken(42, "a/b").Encode()));

    [Theory]
    [InlineData("garbage!")]
    [InlineData("e30")] // {}
    [InlineData("eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MCwic3RhcnQiOiJ4In0")] // rv 0
    public void Malformed_tokens_are_400(string token) => Assert.Equal(400, Assert.Throws<StatusError>(() => ContinueToken.Decode(token)).Code);

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(150, "2m30s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 3600, "3d1h")]
    [InlineData(400 * 86400, "400d")]
    [InlineData(3 * 365 * 86400 + 86400, "3y1d")]
    public void Ages_print_like_kubectl(long seconds, string expected) => Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}
