using Tke.Kubernetes.Resources;

namespace Tke.Kubernetes.Tests.Resources;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("1", "1")]
    [InlineData("100m", "0.1")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("+5", "5")]
    [InlineData("-250m", "-0.25")]
    [InlineData("1n", "0.000000001")]
    [InlineData("5u", "0.000005")]
    [InlineData("1.1n", "0.000000002")]
    [InlineData("1k", "1000")]
    [InlineData("2M", "2000000")]
    [InlineData("3G", "3000000000")]
    [InlineData("1T", "1000000000000")]
    [InlineData("1P", "1000000000000000")]
    [InlineData("1E", "1000000000000000000")]
    [InlineData("1Ki", "1024")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("0.5Mi", "524288")]
    [InlineData("16Ti", "17592186044416")]
    [InlineData("1e3", "1000")]
    [InlineData("1E3", "1000")]
    [InlineData("12e-3", "0.012")]
    [InlineData("128974848", "128974848")]
    public void Parses_to_the_exact_amount(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Quantity.Parse(text).Value);

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("Ki")]
    [InlineData("1.2.3")]
    [InlineData("1Kb")]
    [InlineData("1 Ki")]
    [InlineData("1e")]
    [InlineData("1e99")]
    [InlineData("1ki")]
    public void Rejects_what_is_not_a_quantity(string text)
    {
        Assert.False(Quantity.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Quantity.Parse(text));
    }

    [Theory]
    [InlineData("1536Mi", "1536Mi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("0.1", "100m")]
    [InlineData("2000", "2k")]
    [InlineData("1500", "1500")]
    [InlineData("1e3", "1e3")]
    [InlineData("500Mi", "500Mi")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1.5Ki", "1536")]
    [InlineData("0.1Ki", "102400m")]
    public void Writes_the_canonical_form(string text, string canonical) =>
        Assert.Equal(canonical, Quantity.Parse(text).ToString());

    [Fact]
    public void Sums_and_rounds_as_capacity_totals_need()
    {
        var cpu = Quantity.Sum([Quantity.Parse("3900m"), Quantity.Parse("4"), Quantity.Parse("250m")]);
        Assert.Equal(8150, cpu.MilliValue);
        Assert.Equal(9, cpu.IntegerValue);
        Assert.Equal("8150m", cpu.ToString());

        var memory = Quantity.Parse("16Gi") + Quantity.Parse("16Gi");
        Assert.Equal("32Gi", memory.ToString());
        Assert.Equal(Quantity.Parse("1Ki"), Quantity.Parse("1024"));
        Assert.True(Quantity.Parse("1Gi") > Quantity.Parse("1G"));
    }
}
