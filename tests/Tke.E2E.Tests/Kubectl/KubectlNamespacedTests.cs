using Tke.E2E.Tests.Hosting;

namespace Tke.E2E.Tests.Kubectl;

/// <summary>business.tkestack.io Namespaces live in the "namespace" of their project.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class KubectlNamespacedTests(TkeServerFixture server)
{
    private const string Project = "prj-e2ens";

    [Fact]
    public async Task Namespaced_objects_are_created_listed_and_isolated_by_project()
    {
        (await server.KubectlWithInput($"""
            apiVersion: business.tkestack.io/v1
            kind: Project
            metadata:
              name: {Project}
            spec:
              displayName: e2e namespaces
              tenantID: e2e-tenant
            """, "create", "-f", "-")).EnsureSuccess();

        var created = (await server.KubectlWithInput("""
            apiVersion: business.tkestack.io/v1
            kind: Namespace
            metadata:
              name: cls-e2ens-dev
            spec:
              clusterName: cls-e2ens
              namespace: dev
              tenantID: e2e-tenant
            """, "create", "-n", Project, "-f", "-")).EnsureSuccess();
        Assert.Equal("namespace.business.tkestack.io/cls-e2ens-dev created", created.Stdout.Trim());

        var inProject = ColumnarOutput.Parse((await server.Kubectl("get", "namespaces.business.tkestack.io", "-n", Project)).EnsureSuccess().Stdout);
        var row = Assert.Single(inProject.Rows);
        Assert.Equal("cls-e2ens-dev", row["NAME"]);
        Assert.Equal("cls-e2ens", row["CLUSTER"]);

        var allProjects = ColumnarOutput.Parse((await server.Kubectl("get", "ns", "-A")).EnsureSuccess().Stdout);
        Assert.Equal("NAMESPACE", allProjects.Headers[0]);
        var everywhere = allProjects.Row("NAME", "cls-e2ens-dev");
        Assert.Equal(Project, everywhere["NAMESPACE"]);
        Assert.Equal("dev", everywhere["NAMESPACE#2"]); // the kind's own column: the namespace in the cluster

        var otherProject = (await server.Kubectl("get", "ns", "-n", "prj-e2eother")).EnsureSuccess();
        Assert.Equal("", otherProject.Stdout.Trim());
        Assert.Contains("No resources found in prj-e2eother namespace.", otherProject.Stderr);
        (await server.Kubectl("get", "ns", "cls-e2ens-dev", "-n", "prj-e2eother")).EnsureFailure();

        var deleted = (await server.Kubectl("delete", "ns", "cls-e2ens-dev", "-n", Project, "--wait=false")).EnsureSuccess();
        Assert.Contains("\"cls-e2ens-dev\" deleted", deleted.Stdout);
    }
}
