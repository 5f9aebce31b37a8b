using Tke.ApiMachinery.Validation;
using Tke.Application.Apis.Apps;
using static Tke.Apis.Tests.ApiKindChecks;

namespace Tke.Apis.Tests.Application;

public class AppRequestBodyTests
{
    private const string Body = """
    {"apiVersion":"application.tkestack.io/v1","kind":"App",
     "metadata":{"generateName":"app-","namespace":"cls-1"},
     "spec":{"type":"HelmV3","tenantID":"default","name":"my-nginx","targetCluster":"cls-1","targetNamespace":"default",
             "chart":{"tenantID":"default","chartGroupName":"public","chartName":"nginx","chartVersion":"1.2.3",
                      "repoURL":"","repoUsername":"","repoPassword":"","importedRepo":false,
                      "installPara":{"clientTimeout":0,"createNamespace":false,"atomic":false,"wait":false,"waitForJobs":false},
                      "upgradePara":{"clientTimeout":0,"createNamespace":false,"atomic":false,"wait":false,"waitForJobs":false}},
             "values":{"rawValuesType":"yaml","rawValues":"replicaCount: 1\n"},"dryRun":false}}
    """;

    [Fact]
    public void Body_shaped_like_the_consoles_is_accepted()
    {
        var app = ValidBody<App>(new AppKind(), Body);
        Assert.Equal("nginx", app.Spec.Chart.ChartName);
    }

    [Fact]
    public void Release_name_rule_from_the_manual_is_enforced_by_the_schema()
    {
        Single(Body(new AppKind(), Body.Replace("\"my-nginx\"", "\"My_Nginx\"")).Errors, "spec.name", FieldErrorKind.Invalid);
        Single(Body(new AppKind(), Body.Replace("\"rawValuesType\":\"yaml\"", "\"rawValuesType\":\"toml\"")).Errors, "spec.values.rawValuesType", FieldErrorKind.NotSupported);
    }
}
