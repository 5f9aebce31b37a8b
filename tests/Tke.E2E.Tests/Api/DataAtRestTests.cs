using System.Text;
using System.Text.Json.Nodes;
using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Api;

/// <summary>What the server leaves on disk: private files readable by their owner only, and
/// secrets (machine passwords) never in the clear in the store.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class DataAtRestTests(TkeServerFixture server)
{
    [Theory]
    [InlineData("admin.kubeconfig")]
    [InlineData("pki/admin.token")]
    [InlineData("pki/ca.key")]
    [InlineData("pki/server.key")]
    [InlineData("pki/encryption.key")]
    public void Private_files_are_mode_0600(string relativePath)
    {
        var mode = File.GetUnixFileMode(Path.Combine(server.Server.DataDir, relativePath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void The_data_directory_is_private()
    {
        var mode = File.GetUnixFileMode(server.Server.DataDir);
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
    }

    [Fact]
    public async Task A_machine_password_is_encrypted_in_the_store()
    {
        var password = Convert.ToBase64String(Encoding.UTF8.GetBytes("Plain-Text-Passw0rd-" + Guid.NewGuid().ToString("N")));
        var machines = new ResourceClient(server.Http, "/apis/platform.tkestack.io/v1/machines", server.Server.Output);
        var created = await machines.CreateExpectingSuccessAsync(new JsonObject
        {
            ["apiVersion"] = "platform.tkestack.io/v1",
            ["kind"] = "Machine",
            ["metadata"] = new JsonObject { ["generateName"] = "mc-" },
            ["spec"] = new JsonObject
            {
                ["tenantID"] = "default",
                ["clusterName"] = "cls-atrest",
                ["type"] = "Baremetal",
                ["ip"] = "10.0.0.9",
                ["port"] = 22,
                ["username"] = "root",
                ["password"] = password,
            },
        });
        var name = (string)created["metadata"]!["name"]!;
        Assert.StartsWith("mc-", name);

        // The API still hands the value back to the (admin) caller ...
        var read = (await machines.GetAsync(name)).Expect(200);
        Assert.Equal(password, (string?)read.Json!["spec"]!["password"]);

        // ... but neither the database nor its write-ahead log holds it in the clear.
        var storeDir = Path.Combine(server.Server.DataDir, "store");
        var files = new[] { "tke.db", "tke.db-wal" }.Select(f => Path.Combine(storeDir, f)).ToArray();
        Assert.True(File.Exists(files[0]));
        var needle = Encoding.UTF8.GetBytes(password);
        foreach (var file in files)
        {
            var bytes = await ReadSharedAsync(file);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds the password in the clear");
        }

        var everything = Encoding.UTF8.GetString(await ReadSharedAsync(Path.Combine(storeDir, "tke.db-wal")));
        Assert.Contains("enc:aesgcm:v1:", everything + Encoding.UTF8.GetString(await ReadSharedAsync(Path.Combine(storeDir, "tke.db"))));
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
