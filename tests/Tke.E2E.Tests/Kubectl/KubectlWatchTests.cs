using Tke.E2E.Tests.Hosting;
using Tke.E2E.Tests.Resources;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>`kubectl get -w`: a long-running watch printed as table rows with event types.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class KubectlWatchTests(TkeServerFixture server)
{
    [Fact]
    public async Task Get_watch_prints_added_modified_and_deleted_events()
    {
        const string name = "cls-e2ewatch";
        await server.CreateClusterAsync(name, labels: ClusterManifest.Label("e2e", "watch"));

        await using var watch = server.Server.Kubectl.Start("get", "clusters", "-l", "e2e=watch", "-w", "--output-watch-events");

        // The initial list arrives as ADDED; the watch itself is established once it is printed.
        await watch.WaitForLineAsync(l => IsEvent(l, "ADDED", name), $"ADDED {name}");

        (await server.Kubectl("label", "cluster", name, "watched=yes")).EnsureSuccess();
        await watch.WaitForLineAsync(l => IsEvent(l, "MODIFIED", name), $"MODIFIED {name}");

        (await server.Kubectl("delete", "cluster", name)).EnsureSuccess();
        await watch.WaitForLineAsync(l => IsEvent(l, "DELETED", name), $"DELETED {name}");
    }

    private static bool IsEvent(string line, string type, string name) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, var second, ..] && first == type && second == name;
}
