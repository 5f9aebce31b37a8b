using System.Diagnostics;
using System.Globalization;
using Tke.Storage.Sqlite;

namespace Tke.Storage.Tests.Sqlite;

/// <summary>
/// Runs Tke.Storage.CrashWriter as a separate process, kills it (SIGKILL) while it writes,
/// and checks that every write it reported as acknowledged is in the reopened database.
/// </summary>
public sealed class SqliteCrashDurabilityTests : IDisposable
{
    private const int AcknowledgementsBeforeKill = 600;
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Every_acknowledged_write_survives_killing_the_process()
    {
        var database = _directory.File("crash.db");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var acknowledged = new Dictionary<string, long>();
        var maxAcknowledged = 0L;

        void Record(string? line)
        {
            // Only whole "<key> <revision>" lines count; a line cut short by the kill is ignored.
            var parts = line?.Split(' ');
            if (parts is not [var key, var text] || !key.StartsWith("crash/", StringComparison.Ordinal)
                || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
            {
                return;
            }

            acknowledged[key] = Math.Max(revision, acknowledged.GetValueOrDefault(key));
            maxAcknowledged = Math.Max(maxAcknowledged, revision);
        }

        using (var writer = StartCrashWriter(database))
        {
            var stderr = writer.StandardError.ReadToEndAsync(deadline.Token);
            var lines = 0;
            while (lines < AcknowledgementsBeforeKill)
            {
                var line = await writer.StandardOutput.ReadLineAsync(deadline.Token)
                    ?? throw new Xunit.Sdk.XunitException($"the crash writer exited early ({lines} lines): {await stderr}");
                Record(line);
                lines++;
            }

            writer.Kill(entireProcessTree: true);

            // Lines already in the pipe were acknowledged before the kill too.
            while (await writer.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                Record(line);
            }

            await writer.WaitForExitAsync(deadline.Token);
            Assert.True(writer.HasExited);
        }

        Assert.True(acknowledged.Count >= AcknowledgementsBeforeKill / 2);

        await using var store = await SqliteKeyValueStore.OpenAsync(database);
        Assert.True(store.CurrentRevision >= maxAcknowledged, $"revision {store.CurrentRevision} is behind acknowledged {maxAcknowledged}");
        foreach (var (key, revision) in acknowledged)
        {
            var kv = await store.GetAsync(key);
            Assert.True(kv is not null, $"acknowledged {key} at {revision} is missing");
            Assert.True(kv.ModRevision >= revision, $"{key} is at {kv.ModRevision}, acknowledged at {revision}");
        }

        // The recovered state is self-consistent: listing, counting, history and new writes agree.
        var all = await store.RangeAsync("crash/", null, 0, 0);
        Assert.Equal(all.Items.Count, await store.CountAsync("crash/"));
        Assert.Equal(all.Items.Count, all.Items.Select(kv => kv.ModRevision).Distinct().Count());
        Assert.All(all.Items, kv => Assert.True(kv.ModRevision <= store.CurrentRevision && kv.CreateRevision <= kv.ModRevision));
        using var watchDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var replayed = 0;
        await foreach (var e in store.WatchAsync("crash/", 0, watchDeadline.Token))
        {
            Assert.Equal(++replayed, e.Revision);
            if (e.Revision == store.CurrentRevision)
            {
                break;
            }
        }

        var next = await store.CreateAsync("after/crash", new byte[] { 1 });
        Assert.Equal(replayed + 1, next.Revision);
    }

    public void Dispose() => _directory.Dispose();

    private static Process StartCrashWriter(string database)
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Tke.Storage.CrashWriter.dll");
        Assert.True(File.Exists(program), $"{program} was not built next to the tests");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(program);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add("8");
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
    }

    private static string DotnetHost()
    {
        // `dotnet test` names its host; otherwise this process usually is the host.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return "dotnet";
    }
}
