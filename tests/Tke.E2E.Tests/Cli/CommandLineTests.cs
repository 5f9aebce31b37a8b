using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Cli;

/// <summary>The tke command itself: version, help and refusal of bad flags.</summary>
public sealed class CommandLineTests
{

    [Fact]
    public async Task Version_prints_the_version()
    {
        var (code, stdout, _) = await TkeCommand.RunAsync("version");
        Assert.Equal(0, code);
        Assert.Matches(@"^tke v\d+\.\d+\.\d+", stdout);
    }

    [Fact]
    public async Task Serve_help_lists_its_flags()
    {
        var (code, stdout, _) = await TkeCommand.RunAsync("serve", "--help");
        Assert.Equal(0, code);
        foreach (var flag in new[] { "--data-dir", "--listen", "--tls-cert", "--tls-key", "--compaction-interval" })
        {
            Assert.Contains(flag, stdout);
        }
    }

    [Theory]
    [InlineData("--listen", "nonsense")]
    [InlineData("--listen", "127.0.0.1:99999")]
    [InlineData("--compaction-interval", "soon")]
    [InlineData("--tls-cert", "/nonexistent.crt")]
    public async Task Serve_refuses_bad_flags_before_touching_the_data_dir(string flag, string value)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "tke-e2e", "flags-" + Guid.NewGuid().ToString("N"));
        var (code, _, stderr) = await TkeCommand.RunAsync("serve", "--data-dir", dataDir, flag, value);
        Assert.Equal(2, code);
        Assert.Contains("tke serve:", stderr);
        Assert.False(Directory.Exists(dataDir));
    }
}
